using Amani.Platform.Access;
using Amani.Platform.Directories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Amani.Platform.Web;

/// <summary>
/// The gate of a page, as <see cref="PermissionFilter"/> is the API's, on the same role matrix: a caller who is not
/// signed in is sent to the sign-in page (and back afterwards); a locked account or a missing permission gets a 403
/// page. On a page whose route has a mission <c>{code}</c>, the permission must hold in that mission, and a mission
/// the caller may not see is a 404, as in the API; the mission is then <see cref="PageAccess.Mission"/>, found through
/// the <see cref="IMissionDirectory"/> (the platform names no module: a page that needs the Missions module's entity
/// loads it in its own module).
/// The permission is named by its scope (an attribute takes constants only); a scope no module declares stops the
/// page with an error, and the page-matrix tests open every page.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PagePermissionAttribute(string scope) : Attribute, IAsyncPageFilter
{
    public Permission Permission { get; } = Permission.Named(scope);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var denied = await PageAccess.CheckAsync(context.HttpContext, Permission);
        if (denied is not null)
            context.Result = denied;
        else
            await next();
    }
}

/// <summary>A page for any signed-in user whose account is not locked (the password page, the home page).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignedInAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var denied = await PageAccess.CheckAsync(context.HttpContext, null);
        if (denied is not null)
            context.Result = denied;
        else
            await next();
    }
}

public static class PageAccess
{
    private const string MissionKey = "amani:page-mission";

    /// <summary>The mission of the current page (its route's <c>{code}</c>), once the gate let the caller in.</summary>
    public static MissionEntry Mission(this HttpContext context) =>
        context.Items[MissionKey] as MissionEntry ?? throw new InvalidOperationException("This page has no mission in its route, or no PagePermission gate.");

    internal static async Task<IActionResult?> CheckAsync(HttpContext http, Permission? permission)
    {
        var access = http.RequestServices.GetRequiredService<AccessContext>();
        var cancellationToken = http.RequestAborted;
        if (!access.IsAuthenticated)
            return new RedirectResult($"/account/login?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        if (await access.IsLockedOutAsync(http.RequestServices.GetRequiredService<TimeProvider>(), cancellationToken))
            return Status(http, StatusCodes.Status403Forbidden);
        if (permission is not { } required)
            return null;
        if (http.GetRouteValue("code") is string code)
        {
            // As in the API: a mission that does not exist and one the caller may not see answer alike.
            var mission = await http.RequestServices.GetRequiredService<IMissionDirectory>().FindAsync(code, cancellationToken);
            if (mission is null || !await access.HasAsync(required, mission.Id, cancellationToken))
                return Status(http, StatusCodes.Status404NotFound);
            http.Items[MissionKey] = mission;
            return null;
        }
        return await access.HasAnywhereAsync(required, cancellationToken) ? null : Status(http, StatusCodes.Status403Forbidden);
    }

    /// <summary>The status page (<c>Shared/_Status.cshtml</c>: what happened and what to do), in the page layout.</summary>
    public static IActionResult Status(HttpContext http, int status) => new ViewResult
    {
        ViewName = WebSetup.SharedViews + "/_Status.cshtml",
        StatusCode = status,
        ViewData = new ViewDataDictionary<int>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(),
            new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary()) { Model = status },
    };
}
