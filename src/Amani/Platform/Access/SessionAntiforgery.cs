using Amani.Platform.Problems;
using Microsoft.AspNetCore.Antiforgery;

namespace Amani.Platform.Access;

/// <summary>
/// Cross-site request forgery protection for the API: a state-changing request authenticated by the browser's
/// session cookie must carry the antiforgery token in the <c>X-CSRF-TOKEN</c> header. Token-authenticated calls are
/// not exposed to CSRF (browsers never attach them on their own) and are exempt; forms use the framework's own check.
/// </summary>
public static class SessionAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static async Task ValidateAsync(HttpContext context, RequestDelegate next)
    {
        var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ||
                             HttpMethods.IsOptions(context.Request.Method));
        var viaSession = context.User.Identity?.IsAuthenticated == true && !context.User.HasClaim(c => c.Type == AccessContext.TokenIdClaim);
        if (unsafeMethod && viaSession && context.Request.Path.StartsWithSegments("/api") &&
            !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await Problem.WriteAsync(context, ProblemType.Antiforgery,
                $"This request came with a session cookie but without a valid antiforgery token. Get one from GET /api/v1/account/antiforgery and send it in the {HeaderName} header.");
            return;
        }
        await next(context);
    }
}
