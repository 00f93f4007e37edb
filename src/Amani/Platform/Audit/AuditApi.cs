using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Audit;

public sealed record AuditEntryResponse(long Sequence, DateTime OccurredAt, string Actor, int ActionCode, string Action, string EntityType,
    string? EntityId, string Summary, string RequestId, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Entries, long? NextAfter);

public static class AuditApi
{
    public const int MaxPageSize = 500;

    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditActor>().AddScoped<AuditLog>();

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequirePermission(Permission.AuditRead);
        audit.MapGet("/", List).WithName("ListAuditEntries");
        audit.MapGet("/verification", Verify).WithName("VerifyAuditChain");
        return api;
    }

    /// <summary>Entries in sequence order after <paramref name="after"/>; page with <c>nextAfter</c>.</summary>
    private static async Task<Ok<AuditPage>> List(long? after, int? limit, string? entityType, string? entityId, AmaniDbContext db,
        CancellationToken cancellationToken)
    {
        var size = Paging.Size(limit, MaxPageSize, byDefault: 100);
        var query = db.AuditEntries.AsNoTracking().Where(e => e.Sequence > (after ?? 0));
        if (!string.IsNullOrEmpty(entityType))
            query = query.Where(e => e.EntityType == entityType);
        if (!string.IsNullOrEmpty(entityId))
            query = query.Where(e => e.EntityId == entityId);
        var rows = await query.OrderBy(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).Select(e => new AuditEntryResponse(e.Sequence, e.OccurredAt, e.Actor, e.ActionCode,
            AuditActions.NameOf(e.ActionCode),
            e.EntityType, e.EntityId, e.Summary, e.RequestId, e.Hash)).ToList();
        return TypedResults.Ok(new AuditPage(page, rows.Count > size ? page[^1].Sequence : null));
    }

    private static async Task<Ok<AuditVerification>> Verify(AmaniDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditChain.VerifyAsync(db, cancellationToken));
}
