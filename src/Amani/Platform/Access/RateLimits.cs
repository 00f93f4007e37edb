using System.Threading.RateLimiting;
using Amani.Platform.Hosting;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Amani.Platform.Access;

/// <summary>
/// Rate limits for anonymous endpoints (sign-in, set-up, and later public reporting): a fixed window per client
/// address. Limits are kept per node; behind a load balancer each node enforces its own share.
/// </summary>
public static class RateLimits
{
    public const string Anonymous = "anonymous";
    /// <summary>Looking up tracking codes: tighter, so that guessing codes is hopeless.</summary>
    public const string TrackingCodes = "tracking-codes";

    public static IServiceCollection AddAmaniRateLimits(this IServiceCollection services, AmaniSettings settings) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Anonymous, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.AnonymousRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            options.AddPolicy(TrackingCodes, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.TrackingLookupsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problem.WriteAsync(context.HttpContext, ProblemType.RateLimited,
                    $"Too many requests from your address. Try again in {seconds} seconds.");
            };
        });
}
