using Amani.Platform.Problems;

namespace Amani.Platform.Access;

/// <summary>
/// The first gate of every protected endpoint: the caller must be signed in (else 401, with the reason a token was
/// refused), their account must not be locked (else 403), and they must hold the permission in at least one scope
/// (else 403). Which mission or record they may touch is decided per resource inside the feature, denying with 404
/// where existence is secret.
/// </summary>
public static class PermissionFilter
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var (access, denied) = await GateAsync(context.HttpContext);
            if (denied is not null)
                return denied;
            if (!access.TokenAllows(permission))
                return Problem.Of(ProblemType.InsufficientScope, $"This token lacks the scope '{permission.Name()}' that this action needs.");
            if (!await access.HasAnywhereAsync(permission, context.HttpContext.RequestAborted))
                return Problem.Of(ProblemType.Forbidden, $"None of your roles grants '{permission.Name()}'. Ask an administrator for a role that does.");
            return await next(context);
        }).WithMetadata(new RequiredPermission(permission));

    /// <summary>Any signed-in caller whose account is not locked, whatever their roles.</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            (await GateAsync(context.HttpContext)).Denied ?? await next(context));

    /// <summary>A signed-in browser session, not a token: for actions a leaked token must not be able to take.</summary>
    public static TBuilder RequireSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var (access, denied) = await GateAsync(context.HttpContext);
            if (denied is not null)
                return denied;
            if (access.TokenId is not null)
                return Problem.Of(ProblemType.Forbidden, "This action needs a signed-in session (or the CLI); access tokens cannot perform it.");
            return await next(context);
        }).WithMetadata(new RequiresSession());

    private static async Task<(AccessContext Access, IResult? Denied)> GateAsync(HttpContext http)
    {
        var access = http.RequestServices.GetRequiredService<AccessContext>();
        if (!access.IsAuthenticated)
            return (access, TypedResults.Challenge());
        if (await access.IsLockedOutAsync(http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted))
            return (access, Problem.Of(ProblemType.AccountLocked, "Your account is locked. Ask an administrator to unlock it."));
        return (access, null);
    }
}

/// <summary>Endpoint metadata naming the permission an endpoint requires (read by the access-matrix tests).</summary>
public sealed record RequiredPermission(Permission Permission);

/// <summary>Endpoint metadata: only a signed-in session (not a token) may call it.</summary>
public sealed record RequiresSession;
