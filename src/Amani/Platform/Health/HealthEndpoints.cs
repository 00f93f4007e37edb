using Amani.Platform.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Amani.Platform.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: it can also reach its database at the current schema.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddAmaniHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapAmaniHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(new HttpMethodMetadata(["GET"]));
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .WithMetadata(new HttpMethodMetadata(["GET"]));
        return app;
    }
}

public sealed class DatabaseHealthCheck(AmaniDbContext db, DatabaseTarget target) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await db.Database.SqlQueryRaw<int>("SELECT COALESCE(MAX(version), 0) AS \"Value\" FROM schema_migrations")
                .SingleAsync(cancellationToken);
            var latest = SchemaMigrator.LatestVersion(target.Provider);
            return version == latest
                ? HealthCheckResult.Healthy($"Schema version {version}.")
                : HealthCheckResult.Unhealthy($"Schema version {version}, expected {latest}: run './amani db migrate'.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
