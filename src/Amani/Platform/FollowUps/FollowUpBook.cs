using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.FollowUps;

/// <summary>What a module says a follow-up it manages should look like now (see <see cref="FollowUpBook.TrackAsync"/>).</summary>
public sealed record FollowUpTrack(
    Guid MissionId, string Module, string RecordType, Guid RecordId, Guid? AreaId, string Title, FollowUpOwnerKind OwnerKind, Guid? OwnerUserId,
    Role? OwnerRole, DateTime DueAt, FollowUpStatus Status, int EscalationLevel, bool Escalates);

/// <summary>
/// Creates and changes follow-ups: validation (a due date after now, an owner who exists and belongs to the mission, a
/// move the workflow allows), history, audit and versioning, all in one save — a refusal writes nothing. Modules keep the
/// follow-ups of their own records in step through <see cref="TrackAsync"/>.
/// </summary>
public sealed class FollowUpBook(AmaniDbContext db, AuditLog audit, AuditActor actor, IPeopleDirectory people, IAreaDirectory areas,
    RecordKinds kinds, TimeProvider clock, Measures.MeasureChanges measureChanges)
{
    public const string GeneralModule = "general";

    public static Refusal Stale { get; } = Refusal.Stale("The follow-up was changed since you loaded it. Reload it, then apply your change again.");

    /// <param name="mayManage">Whether the caller manages follow-ups in an area (null: the whole mission).</param>
    public async Task<Outcome<FollowUp>> CreateAsync(MissionEntry mission, FollowUpCreateRequest request, Guid? userId, Func<Guid?, bool> mayManage,
        CancellationToken cancellationToken)
    {
        var now = Now();
        var due = AuditChain.Truncate(request.DueAt!.Value.UtcDateTime);
        if (DueRefusal(due, now) is { } badDue)
            return badDue;
        var owner = await OwnerAsync(mission, request.Owner!, cancellationToken);
        if (owner.Refusal is { } badOwner)
            return badOwner;
        Guid? areaId = null;
        if (!string.IsNullOrWhiteSpace(request.AreaPCode))
        {
            if (await areas.FindAsync(mission.Id, request.AreaPCode, cancellationToken) is not { } area)
                return Refusal.Invalid("areaPCode", $"There is no area {request.AreaPCode.Trim()} in {mission.Code}.");
            areaId = area.Id;
        }
        if (!mayManage(areaId))
            return Refusal.Invalid("areaPCode", areaId is null
                ? "Your role manages follow-ups in some areas only: give the area (areaPCode) the follow-up concerns."
                : "Your role does not manage follow-ups in that area: give one of your own areas.");
        var module = string.IsNullOrWhiteSpace(request.Module) ? GeneralModule : request.Module.Trim().ToLowerInvariant();
        if (!System.Text.RegularExpressions.Regex.IsMatch(module, "^[a-z][a-z0-9-]*$"))
            return Refusal.Invalid("module", "Give the module's name in lower case letters, digits and hyphens (e.g. liaison), or leave it out.");
        if ((request.RecordType is null) != (request.RecordId is null))
            return Refusal.Invalid("recordId", "Give both recordType and recordId to link a record, or neither.");
        if (request.RecordType is { } type && kinds.Find(type) is null)
            return Refusal.Invalid("recordType", $"Give one of: {string.Join(", ", kinds.Types.Order())}.");
        var o = owner.Value!;
        var followUp = new FollowUp
        {
            MissionId = mission.Id, Module = module, RecordType = request.RecordType, RecordId = request.RecordId, AreaId = areaId,
            Title = request.Title.Trim(), Details = Clean(request.Details), OwnerKind = o.Kind, OwnerUserId = o.UserId, OwnerRole = o.Role,
            OwnerExternal = o.Name, DueAt = due, RemindBeforeHours = request.RemindBeforeHours ?? 24, EscalateToRole = request.EscalateToRole,
            Status = FollowUpStatus.Open, CreatedBy = actor.Actor, CreatedByUserId = userId, CreatedAt = now, UpdatedAt = now,
        };
        followUp.Schedule(rescheduled: false);
        db.Set<FollowUp>().Add(followUp);
        var text = $"Created: due {due:yyyy-MM-dd HH:mm} UTC, owed by {Describe(o)}.";
        Log(followUp, FollowUpEventKind.Created, null, FollowUpStatus.Open, userId, text, now);
        audit.Record(AuditAction.FollowUpCreated, FollowUp.AuditEntity, followUp.Id, $"Follow-up created in {mission.Code} ({module}): {text}");
        await db.SaveChangesAsync(cancellationToken);
        measureChanges.Changed(followUp.MissionId, FollowUpMeasures.Name);
        return Outcome<FollowUp>.Ok(followUp);
    }

    public async Task<Outcome<FollowUp>> EditAsync(FollowUp followUp, MissionEntry mission, int expectedVersion, FollowUpEditRequest request,
        bool mayEdit, Guid? userId, CancellationToken cancellationToken)
    {
        if (followUp.Version != expectedVersion)
            return Stale;
        if (followUp.Managed)
            return ManagedRefusal(followUp);
        var changesWhat = request.Title is not null || request.Details is not null || request.Owner is not null || request.DueAt is not null
                          || request.RemindBeforeHours is not null || request.EscalateToRole is not null || request.AreaPCode is not null || request.ClearArea == true;
        if (changesWhat && !mayEdit)
            return Refusal.NotAllowed("Only those who manage the mission's follow-ups can change a follow-up's title, owner, due date, area or reminders; " +
                                      "as its owner you can record progress, moves and evidence.");
        if (followUp.IsClosed && (changesWhat || request.Progress is not null))
            return Refusal.Conflict($"The follow-up is {Name(followUp.Status)}: reopen it before changing it.");
        var now = Now();
        var changes = new List<string>();
        var rescheduled = false;
        if (request.DueAt is { } dueAt)
        {
            var due = AuditChain.Truncate(dueAt.UtcDateTime);
            if (due != followUp.DueAt)
            {
                if (DueRefusal(due, now) is { } badDue)
                    return Refuse(badDue);
                changes.Add($"due {followUp.DueAt:yyyy-MM-dd HH:mm} → {due:yyyy-MM-dd HH:mm} UTC");
                followUp.DueAt = due;
                rescheduled = true;
            }
        }
        if (request.Owner is { } ownerInput)
        {
            var owner = await OwnerAsync(mission, ownerInput, cancellationToken);
            if (owner.Refusal is { } badOwner)
                return Refuse(badOwner);
            var o = owner.Value!;
            if (o.Kind != followUp.OwnerKind || o.UserId != followUp.OwnerUserId || o.Role != followUp.OwnerRole || o.Name != followUp.OwnerExternal)
            {
                changes.Add($"owner {Describe(Current(followUp))} → {Describe(o)}");
                (followUp.OwnerKind, followUp.OwnerUserId, followUp.OwnerRole, followUp.OwnerExternal) = (o.Kind, o.UserId, o.Role, o.Name);
            }
        }
        if (request.AreaPCode is { } pCode && !string.IsNullOrWhiteSpace(pCode))
        {
            if (await areas.FindAsync(mission.Id, pCode, cancellationToken) is not { } area)
                return Refuse(Refusal.Invalid("areaPCode", $"There is no area {pCode.Trim()} in {mission.Code}."));
            if (area.Id != followUp.AreaId)
                changes.Add($"area → {area.PCode}");
            followUp.AreaId = area.Id;
        }
        else if (request.ClearArea == true && followUp.AreaId is not null)
        {
            changes.Add("area → the whole mission");
            followUp.AreaId = null;
        }
        if (request.Title is { } title && title.Trim() != followUp.Title)
        {
            changes.Add("title");
            followUp.Title = title.Trim();
        }
        if (request.Details is not null && Clean(request.Details) != followUp.Details)
        {
            changes.Add("details");
            followUp.Details = Clean(request.Details);
        }
        if (request.RemindBeforeHours is { } hours && hours != followUp.RemindBeforeHours)
        {
            changes.Add($"reminder {hours} h before the due date");
            followUp.RemindBeforeHours = hours;
            followUp.RemindedAt = null;
        }
        if (request.EscalateToRole is { } escalateTo && escalateTo != followUp.EscalateToRole)
        {
            changes.Add($"escalates to {escalateTo}");
            followUp.EscalateToRole = escalateTo;
        }
        var progressed = request.Progress is { } progress && progress != followUp.Progress;
        if (!changesWhat && !progressed && string.IsNullOrWhiteSpace(request.Note))
            return Refuse(Refusal.Invalid("progress", "Nothing to change: give a progress, a note, or (if you manage follow-ups) a new title, owner, due date or area."));
        if (changes.Count > 0)
        {
            var kind = request.Owner is not null && changes.Any(c => c.StartsWith("owner", StringComparison.Ordinal)) ? FollowUpEventKind.Reassigned
                : rescheduled ? FollowUpEventKind.Rescheduled : FollowUpEventKind.Edited;
            Log(followUp, kind, null, null, userId, "Changed: " + string.Join("; ", changes) + ".", now);
        }
        if (progressed || (!string.IsNullOrWhiteSpace(request.Note) && changes.Count == 0))
        {
            var from = followUp.Progress;
            followUp.Progress = request.Progress ?? followUp.Progress;
            var note = Clean(request.Note);
            // Progress on an open follow-up puts it in progress: one history entry says both.
            var starts = followUp.Progress > 0 && followUp.Status == FollowUpStatus.Open;
            Log(followUp, FollowUpEventKind.Progress, starts ? FollowUpStatus.Open : null, starts ? FollowUpStatus.InProgress : null, userId,
                (progressed ? $"Progress {from} % → {followUp.Progress} %." : "Note.") + (starts ? " In progress." : "") + (note is null ? "" : " " + note), now);
            if (starts)
                followUp.Status = FollowUpStatus.InProgress;
        }
        followUp.Schedule(rescheduled);
        audit.Record(AuditAction.FollowUpEdited, FollowUp.AuditEntity, followUp.Id,
            $"Follow-up changed: {(changes.Count > 0 ? string.Join("; ", changes) : "")}{(progressed ? $" progress {followUp.Progress} %" : "")}.");
        return await SaveAsync(followUp, now, cancellationToken);
    }

    public async Task<Outcome<FollowUp>> MoveAsync(FollowUp followUp, int expectedVersion, FollowUpTransitionRequest request, Guid? userId,
        CancellationToken cancellationToken)
    {
        if (followUp.Version != expectedVersion)
            return Stale;
        if (followUp.Managed)
            return ManagedRefusal(followUp);
        var to = request.To!.Value;
        if (FollowUpWorkflow.Moves.Find(followUp.Status, to) is not { } move)
        {
            var next = FollowUpWorkflow.Moves.NextFrom(followUp.Status);
            return Refusal.Conflict($"A follow-up that is {Name(followUp.Status)} cannot move to {Name(to)}; it can move to: {string.Join(", ", next.Select(Name))}.")
                with { Details = new Dictionary<string, object?> { ["allowed"] = next.Select(Name).ToList() } };
        }
        var reason = Clean(request.Reason);
        if (move.ReasonRequired && (reason is null || reason.Length < 3))
            return Refusal.Invalid("reason", to == FollowUpStatus.Dropped
                ? "Say why the follow-up is dropped (3 to 4000 characters)."
                : "Say why the follow-up is reopened (3 to 4000 characters).");
        var now = Now();
        var from = followUp.Status;
        followUp.Status = to;
        followUp.ClosedAt = followUp.IsClosed ? now : null;
        if (to == FollowUpStatus.Done)
            followUp.Progress = 100;
        followUp.Schedule(rescheduled: false);
        var text = $"{Name(from)} → {Name(to)}." + (reason is null ? "" : " " + reason);
        Log(followUp, FollowUpEventKind.Moved, from, to, userId, text, now);
        audit.Record(AuditAction.FollowUpMoved, FollowUp.AuditEntity, followUp.Id, $"Follow-up moved: {Shorten(text)}");
        return await SaveAsync(followUp, now, cancellationToken);
    }

    public async Task<Outcome<FollowUpEvidence>> AddEvidenceAsync(FollowUp followUp, FollowUpEvidence evidence, Guid? userId, CancellationToken cancellationToken)
    {
        if (evidence.Kind == FollowUpEvidenceKind.Record && kinds.Find(evidence.RecordType) is null)
            return Refusal.Invalid("recordType", $"Give one of: {string.Join(", ", kinds.Types.Order())}.");
        var now = Now();
        evidence.FollowUpId = followUp.Id;
        evidence.AddedBy = actor.Actor;
        evidence.AddedByUserId = userId;
        evidence.AddedAt = now;
        db.Set<FollowUpEvidence>().Add(evidence);
        var what = evidence.Kind switch
        {
            FollowUpEvidenceKind.Note => "a note",
            FollowUpEvidenceKind.Record => $"a link to {evidence.RecordType} {evidence.RecordId}",
            _ => $"a file ({evidence.ContentType}, {evidence.SizeBytes} bytes)",
        };
        Log(followUp, FollowUpEventKind.Evidence, null, null, userId, $"Evidence added: {what}.", now);
        followUp.Version++;
        followUp.UpdatedAt = now;
        audit.Record(AuditAction.FollowUpEvidenceAdded, FollowUp.AuditEntity, followUp.Id, $"Follow-up evidence added: {what}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<FollowUpEvidence>.Ok(evidence);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return Stale;
        }
    }

    /// <summary>
    /// Creates or updates the follow-up a module keeps for one of its records (an alert's response), in the caller's unit
    /// of work — saved with the record's change and under its audit row. A change of owner, due date or status is
    /// written to the follow-up's history.
    /// </summary>
    public async Task<FollowUp> TrackAsync(FollowUpTrack track, Guid? userId, CancellationToken cancellationToken)
    {
        var now = Now();
        var followUp = db.Set<FollowUp>().Local.FirstOrDefault(f => f.RecordId == track.RecordId && f.Managed && f.Module == track.Module)
                       ?? await db.Set<FollowUp>().FirstOrDefaultAsync(f => f.RecordId == track.RecordId && f.Managed && f.Module == track.Module, cancellationToken);
        var title = track.Title.Length > FollowUpLimits.Title ? track.Title[..(FollowUpLimits.Title - 1)] + "…" : track.Title;
        if (followUp is null)
        {
            followUp = new FollowUp
            {
                MissionId = track.MissionId, Module = track.Module, RecordType = track.RecordType, RecordId = track.RecordId, AreaId = track.AreaId,
                Title = title, OwnerKind = track.OwnerKind, OwnerUserId = track.OwnerUserId, OwnerRole = track.OwnerRole, DueAt = track.DueAt,
                Status = track.Status, EscalationLevel = track.EscalationLevel, Managed = true, CreatedBy = actor.Actor, CreatedByUserId = userId,
                CreatedAt = now, UpdatedAt = now,
            };
            followUp.Schedule(rescheduled: false);
            if (!track.Escalates)
                followUp.NextEscalationAt = null;
            db.Set<FollowUp>().Add(followUp);
            Log(followUp, FollowUpEventKind.Created, null, track.Status, userId,
                $"Follows {track.RecordType} {track.RecordId}: due {track.DueAt:yyyy-MM-dd HH:mm} UTC, owed by {Describe(Current(followUp))}.", now);
            return followUp;
        }
        var changes = new List<(FollowUpEventKind Kind, string Text)>();
        if (track.Status != followUp.Status)
        {
            Log(followUp, FollowUpEventKind.Moved, followUp.Status, track.Status, userId, $"{Name(followUp.Status)} → {Name(track.Status)} (with its {track.RecordType}).", now);
            followUp.Status = track.Status;
            followUp.ClosedAt = followUp.IsClosed ? now : null;
            if (track.Status == FollowUpStatus.Done)
                followUp.Progress = 100;
        }
        var before = Describe(Current(followUp));
        if (track.OwnerKind != followUp.OwnerKind || track.OwnerUserId != followUp.OwnerUserId || track.OwnerRole != followUp.OwnerRole)
        {
            (followUp.OwnerKind, followUp.OwnerUserId, followUp.OwnerRole) = (track.OwnerKind, track.OwnerUserId, track.OwnerRole);
            changes.Add((FollowUpEventKind.Reassigned, $"Owner {before} → {Describe(Current(followUp))}."));
        }
        if (track.EscalationLevel > followUp.EscalationLevel)
        {
            changes.Add((FollowUpEventKind.Escalated, $"Escalated with its {track.RecordType} to level {track.EscalationLevel}."));
            followUp.EscalationLevel = track.EscalationLevel;
            followUp.EscalatedAt = now;
        }
        if (track.DueAt != followUp.DueAt)
        {
            changes.Add((FollowUpEventKind.Rescheduled, $"Due {followUp.DueAt:yyyy-MM-dd HH:mm} → {track.DueAt:yyyy-MM-dd HH:mm} UTC."));
            followUp.DueAt = track.DueAt;
        }
        foreach (var (kind, text) in changes)
            Log(followUp, kind, null, null, userId, text, now);
        followUp.Title = title;
        followUp.AreaId = track.AreaId;
        followUp.Schedule(rescheduled: false);
        if (!track.Escalates)
            followUp.NextEscalationAt = null;
        if (db.Entry(followUp).State == EntityState.Modified || changes.Count > 0)
        {
            followUp.Version++;
            followUp.UpdatedAt = now;
        }
        return followUp;
    }

    private async Task<Outcome<FollowUp>> SaveAsync(FollowUp followUp, DateTime now, CancellationToken cancellationToken)
    {
        followUp.Version++;
        followUp.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            measureChanges.Changed(followUp.MissionId, FollowUpMeasures.Name); // a due date may have moved between months: any month
            return Outcome<FollowUp>.Ok(followUp);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return Stale;
        }
    }

    private Outcome<FollowUp> Refuse(Refusal refusal)
    {
        db.DiscardChanges();
        return refusal;
    }

    private Refusal? DueRefusal(DateTime due, DateTime now)
    {
        if (due <= now)
            return Refusal.Invalid("dueAt", $"The due date must lie after now ({now:yyyy-MM-dd HH:mm} UTC): a follow-up cannot be due before it exists.");
        if (due > now.AddYears(FollowUpLimits.MaxDueYears))
            return Refusal.Invalid("dueAt", $"The due date lies more than {FollowUpLimits.MaxDueYears} years ahead; give a nearer one and reschedule it later if needed.");
        return null;
    }

    /// <summary>An owner that exists: a user who is active and holds a role in the mission, a role, or an external party's name.</summary>
    private async Task<Outcome<OwnerChoice>> OwnerAsync(MissionEntry mission, FollowUpOwnerInput input, CancellationToken cancellationToken)
    {
        switch (input.Kind)
        {
            case FollowUpOwnerKind.User:
                if (input.UserId is not { } userId)
                    return Refusal.Invalid("owner.userId", "Give the id of the user who owes this follow-up.");
                var person = (await people.FindAsync([userId], cancellationToken)).GetValueOrDefault(userId);
                if (person is null)
                    return Refusal.Invalid("owner.userId", $"There is no user {userId}.");
                if (!person.Active)
                    return Refusal.Invalid("owner.userId", "That user's account is locked: give someone who can act on the follow-up.");
                if (!(await people.AssignmentsAsync(userId, cancellationToken)).Any(a => a.MissionId is null || a.MissionId == mission.Id))
                    return Refusal.Invalid("owner.userId", $"That user holds no role in {mission.Code}: give someone of the mission, a role, or an external party.");
                return Outcome<OwnerChoice>.Ok(new OwnerChoice(FollowUpOwnerKind.User, userId, null, null, person.DisplayName));
            case FollowUpOwnerKind.Role:
                if (input.Role is not { } role)
                    return Refusal.Invalid("owner.role", $"Give the role that owes this follow-up: one of {AccessCatalog.RoleJsonNames}.");
                return Outcome<OwnerChoice>.Ok(new OwnerChoice(FollowUpOwnerKind.Role, null, role, null, null));
            default:
                var name = input.Name?.Trim();
                if (string.IsNullOrEmpty(name) || name.Length < 2)
                    return Refusal.Invalid("owner.name", "Give the external party's name (2 to 200 characters), e.g. \"Prefect of Ouham\".");
                return Outcome<OwnerChoice>.Ok(new OwnerChoice(FollowUpOwnerKind.External, null, null, name, null));
        }
    }

    private sealed record OwnerChoice(FollowUpOwnerKind Kind, Guid? UserId, Role? Role, string? Name, string? Display);

    private static OwnerChoice Current(FollowUp f) => new(f.OwnerKind, f.OwnerUserId, f.OwnerRole, f.OwnerExternal, null);

    /// <summary>An owner as history and audit name it: user ids, role names and an external party's name (typed by staff).</summary>
    private static string Describe(OwnerChoice owner) => owner.Kind switch
    {
        FollowUpOwnerKind.User => $"user {owner.UserId}",
        FollowUpOwnerKind.Role => $"the {owner.Role} role",
        _ => $"{owner.Name} (external)",
    };

    private void Log(FollowUp followUp, FollowUpEventKind kind, FollowUpStatus? from, FollowUpStatus? to, Guid? userId, string text, DateTime at) =>
        db.Set<FollowUpEvent>().Add(new FollowUpEvent
        {
            FollowUpId = followUp.Id, Kind = kind, FromStatus = from, ToStatus = to, Actor = actor.Actor, ActorUserId = userId,
            Text = text.Length > FollowUpLimits.Text ? text[..(FollowUpLimits.Text - 1)] + "…" : text, At = at,
        });

    private static Refusal ManagedRefusal(FollowUp followUp) =>
        Refusal.Conflict($"This follow-up moves with its {followUp.RecordType} ({followUp.RecordId}): act on the {followUp.RecordType} itself.");

    private DateTime Now() => AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Name(FollowUpStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string Shorten(string text) => text.Length > 300 ? text[..299] + "…" : text;
}
