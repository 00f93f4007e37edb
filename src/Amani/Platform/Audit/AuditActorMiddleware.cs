using System.Diagnostics;
using System.Security.Claims;
using Amani.Platform.Access;

namespace Amani.Platform.Audit;

/// <summary>Names the actor and request id of audit rows written during a request.</summary>
public static class AuditActorMiddleware
{
    public static Task SetActorAsync(HttpContext context, RequestDelegate next)
    {
        var actor = context.RequestServices.GetRequiredService<AuditActor>();
        actor.RequestId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var token = context.User.FindFirstValue(AccessContext.TokenIdClaim);
        actor.Actor = user is null ? "anonymous" : token is null ? $"user:{user}" : $"user:{user} token:{token}";
        context.Response.Headers["X-Request-Id"] = actor.RequestId;
        return next(context);
    }
}
