using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.FollowUps;

/// <summary>Reads follow-ups as the caller may see them: the mission board, the caller's own, one with its history.</summary>
public sealed class FollowUpQueries(AmaniDbContext db, AccessContext access, FollowUpAccess rules, IMissionDirectory missions, IAreaDirectory areas,
    IPeopleDirectory people, RecordKinds kinds, TimeProvider clock)
{
    /// <summary>The most rows a CSV export holds.</summary>
    public const int ExportLimit = 100_000;

    public async Task<Outcome<FollowUpPage>> BoardAsync(string code, FollowUpsApi.Filter filter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = await BoardQueryAsync(code, filter, cancellationToken);
        if (query.Refusal is { } refusal)
            return refusal;
        return await PageAsync(query.Value!.Query, cursor, limit, cancellationToken);
    }

    public async Task<Outcome<FollowUpPage>> AllAsync(string code, FollowUpsApi.Filter filter, CancellationToken cancellationToken)
    {
        var query = await BoardQueryAsync(code, filter, cancellationToken);
        if (query.Refusal is { } refusal)
            return refusal;
        var rows = await query.Value!.Query.OrderBy(f => f.DueAt).ThenBy(f => f.Id).Take(ExportLimit).ToListAsync(cancellationToken);
        return Outcome<FollowUpPage>.Ok(new FollowUpPage(await SummariesAsync(rows, cancellationToken), null));
    }

    /// <summary>What the caller owes: follow-ups they own, those of a role they hold (where it applies), and those they asked of an external party.</summary>
    public async Task<Outcome<FollowUpPage>> MineAsync(bool? overdue, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (access.UserId is not { } me)
            return Refusal.NotAllowed("Sign in to see your follow-ups.");
        if (!access.TokenAllows(Permission.FollowUpsRead) && !access.TokenAllows(Permission.FollowUpsUpdate))
            return Refusal.NotAllowed("This access token has no follow-ups scope: make one with follow-ups:read or follow-ups:update.");
        if (!TryStatus(status, out var wanted))
            return Refusal.Invalid("status", $"Give one of: {FollowUpsApi.Names<FollowUpStatus>()}, or active (open or in progress).");
        var assignments = await access.AssignmentsAsync(cancellationToken);
        var roles = assignments.Select(a => a.Role).Distinct().ToList();
        var missionsOfRoles = assignments.Any(a => a.MissionId is null) ? null : assignments.Select(a => a.MissionId!.Value).Distinct().ToList();
        var query = db.Set<FollowUp>().AsNoTracking().Where(f => f.OwnerUserId == me
            || (f.OwnerKind == FollowUpOwnerKind.External && f.CreatedByUserId == me)
            || (f.OwnerKind == FollowUpOwnerKind.Role && f.OwnerRole != null && roles.Contains(f.OwnerRole.Value)
                && (missionsOfRoles == null || missionsOfRoles.Contains(f.MissionId))));
        query = Status(query, wanted, overdue, status);
        // A role's follow-ups reach the holders whose area scope covers them (checked per row: a page is small).
        return await PageAsync(query, cursor, limit, cancellationToken, keep: async f => f.OwnerKind != FollowUpOwnerKind.Role || f.OwnerUserId == me
            || rules.Concerns(f, await rules.RightsAsync(f.MissionId, cancellationToken)));
    }

    /// <summary>The follow-up if the caller may see it (else null: answer 404).</summary>
    public async Task<FollowUp?> FindAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<FollowUp>().Where(f => f.Id == id);
        var followUp = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return followUp is not null && await rules.CanSeeAsync(followUp, cancellationToken) ? followUp : null;
    }

    public async Task<FollowUpResponse> DetailAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var summary = (await SummariesAsync([followUp], cancellationToken))[0];
        var history = await db.Set<FollowUpEvent>().AsNoTracking().Where(e => e.FollowUpId == followUp.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new FollowUpEventView(e.Id, e.Kind, e.FromStatus, e.ToStatus, e.Actor, e.ActorUserId, e.Text, e.At)).ToListAsync(cancellationToken);
        var evidence = await db.Set<FollowUpEvidence>().AsNoTracking().Where(e => e.FollowUpId == followUp.Id).OrderBy(e => e.AddedAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Kind, e.Note, e.RecordType, e.RecordId, e.FileName, e.ContentType, e.SizeBytes, e.AddedBy, e.AddedAt }).ToListAsync(cancellationToken);
        var next = followUp.Managed ? [] : FollowUpWorkflow.Moves.NextFrom(followUp.Status);
        return new FollowUpResponse(summary, followUp.Details, next, followUp.RemindBeforeHours, followUp.RemindAt, followUp.RemindedAt, followUp.EscalatedAt,
            followUp.EscalateToRole, followUp.CreatedBy, !followUp.Managed && await rules.CanEditAsync(followUp, cancellationToken),
            !followUp.Managed && await rules.CanUpdateAsync(followUp, cancellationToken), history,
            evidence.Select(e => new FollowUpEvidenceView(e.Id, e.Kind, e.Note, e.RecordType, e.RecordId,
                e.RecordId is { } rid ? kinds.PathOf(e.RecordType, summary.MissionCode, rid) : null, e.FileName, e.ContentType, e.SizeBytes, e.AddedBy, e.AddedAt)).ToList());
    }

    public async Task<FollowUpEvidenceView> EvidenceViewAsync(FollowUp followUp, FollowUpEvidence e, CancellationToken cancellationToken)
    {
        var code = (await missions.FindAsync(followUp.MissionId, cancellationToken))?.Code ?? "";
        return new FollowUpEvidenceView(e.Id, e.Kind, e.Note, e.RecordType, e.RecordId, e.RecordId is { } rid ? kinds.PathOf(e.RecordType, code, rid) : null,
            e.FileName, e.ContentType, e.SizeBytes, e.AddedBy, e.AddedAt);
    }

    private sealed record Board(MissionEntry Mission, IQueryable<FollowUp> Query);

    private async Task<Outcome<Board>> BoardQueryAsync(string code, FollowUpsApi.Filter filter, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code, cancellationToken) is not { } mission)
            return NotFound(code);
        var rights = await rules.RightsAsync(mission.Id, cancellationToken);
        if (!rights.Read)
            return NotFound(code);
        var query = db.Set<FollowUp>().AsNoTracking().Where(f => f.MissionId == mission.Id);
        if (rights.ReadAreas is { } scope)
        {
            var ids = scope.ToList();
            query = query.Where(f => f.AreaId != null && ids.Contains(f.AreaId.Value));
        }
        if (!TryStatus(filter.Status, out var wanted))
            return Refusal.Invalid("status", $"Give one of: {FollowUpsApi.Names<FollowUpStatus>()}, or active (open or in progress).");
        query = Status(query, wanted, filter.Overdue, filter.Status);
        if (!string.IsNullOrWhiteSpace(filter.Module))
        {
            var module = filter.Module.Trim().ToLowerInvariant();
            query = query.Where(f => f.Module == module);
        }
        if (!string.IsNullOrWhiteSpace(filter.Area))
        {
            if (await areas.FindAsync(mission.Id, filter.Area, cancellationToken) is not { } area)
                return Refusal.Invalid("area", $"There is no area {filter.Area.Trim()} in {mission.Code}.");
            var below = (await areas.SubtreeAsync([area.Id], cancellationToken)).ToList();
            query = query.Where(f => f.AreaId != null && below.Contains(f.AreaId.Value));
        }
        if (!string.IsNullOrWhiteSpace(filter.Owner))
        {
            var owner = filter.Owner.Trim();
            if (owner == "me")
            {
                if (access.UserId is not { } me)
                    return Refusal.Invalid("owner", "Sign in to filter on your own follow-ups.");
                query = query.Where(f => f.OwnerUserId == me);
            }
            else if (owner == "external")
                query = query.Where(f => f.OwnerKind == FollowUpOwnerKind.External);
            else if (Guid.TryParse(owner, out var userId))
                query = query.Where(f => f.OwnerUserId == userId);
            else if (Role.TryParse(owner, out var role))
                query = query.Where(f => f.OwnerKind == FollowUpOwnerKind.Role && f.OwnerRole == role);
            else
                return Refusal.Invalid("owner", $"Give me, external, a user id, or a role ({AccessCatalog.RoleJsonNames}).");
        }
        return Outcome<Board>.Ok(new Board(mission, query));
    }

    private static Refusal NotFound(string code) => Refusal.NotFound($"The mission '{code}' was not found.");


    /// <summary>Stands for "open or in progress" in a status filter (<c>status=active</c>).</summary>
    public const string Active = "active";

    private IQueryable<FollowUp> Status(IQueryable<FollowUp> query, FollowUpStatus? wanted, bool? overdue, string? status)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (wanted is { } s)
            query = query.Where(f => f.Status == s);
        else if (string.Equals(status?.Trim(), Active, StringComparison.OrdinalIgnoreCase))
            query = query.Where(f => f.Status == FollowUpStatus.Open || f.Status == FollowUpStatus.InProgress);
        if (overdue is { } late)
            query = late
                ? query.Where(f => (f.Status == FollowUpStatus.Open || f.Status == FollowUpStatus.InProgress) && f.DueAt < now)
                : query.Where(f => f.Status == FollowUpStatus.Done || f.Status == FollowUpStatus.Dropped || f.DueAt >= now);
        return query;
    }

    private static bool TryStatus(string? text, out FollowUpStatus? status)
    {
        status = null;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), Active, StringComparison.OrdinalIgnoreCase))
            return true;
        if (Enum.TryParse<FollowUpStatus>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
        {
            status = parsed;
            return true;
        }
        return false;
    }

    /// <summary>Ordered by due date (soonest first), then id; the cursor is the last row's due date and id.</summary>
    private async Task<Outcome<FollowUpPage>> PageAsync(IQueryable<FollowUp> query, string? cursor, int? limit, CancellationToken cancellationToken,
        Func<FollowUp, Task<bool>>? keep = null)
    {
        if (cursor is not null)
        {
            if (!Paging.TryParseCursor(cursor, out var after))
                return Refusal.Invalid("cursor", Paging.BadCursor);
            query = query.Where(f => f.DueAt > after.At || (f.DueAt == after.At && f.Id.CompareTo(after.Id) > 0));
        }
        var size = Paging.Size(limit);
        var rows = await query.OrderBy(f => f.DueAt).ThenBy(f => f.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? Paging.Cursor(page[^1].DueAt, page[^1].Id) : null;
        if (keep is not null)
        {
            var kept = new List<FollowUp>();
            foreach (var row in page)
                if (await keep(row))
                    kept.Add(row);
            page = kept;
        }
        return Outcome<FollowUpPage>.Ok(new FollowUpPage(await SummariesAsync(page, cancellationToken), next));
    }

    public async Task<IReadOnlyList<FollowUpSummary>> SummariesAsync(IReadOnlyList<FollowUp> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var areaById = await areas.FindAsync(rows.Where(f => f.AreaId is not null).Select(f => f.AreaId!.Value), cancellationToken);
        var peopleById = await people.FindAsync(rows.Where(f => f.OwnerUserId is not null).Select(f => f.OwnerUserId!.Value), cancellationToken);
        var codes = new Dictionary<Guid, string>();
        foreach (var missionId in rows.Select(f => f.MissionId).Distinct())
            codes[missionId] = (await missions.FindAsync(missionId, cancellationToken))?.Code ?? "";
        return rows.Select(f =>
        {
            var area = f.AreaId is { } a ? areaById.GetValueOrDefault(a) : null;
            var display = f.OwnerKind switch
            {
                FollowUpOwnerKind.User => f.OwnerUserId is { } u && peopleById.TryGetValue(u, out var person) ? person.DisplayName : $"user {f.OwnerUserId}",
                FollowUpOwnerKind.Role => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.OwnerRole!.Value.ToString()),
                _ => f.OwnerExternal ?? "",
            };
            var code = codes[f.MissionId];
            return new FollowUpSummary(f.Id, code, f.Module, f.RecordType, f.RecordId, f.RecordId is { } rid ? kinds.PathOf(f.RecordType, code, rid) : null,
                area?.PCode, area?.Name, f.Title, new FollowUpOwnerView(f.OwnerKind, f.OwnerUserId, f.OwnerRole, f.OwnerExternal, display), f.DueAt, f.Status,
                f.IsOverdue(now), f.Progress, f.EscalationLevel, f.Managed, f.CreatedAt, f.UpdatedAt, f.ClosedAt, f.Version);
        }).ToList();
    }
}
