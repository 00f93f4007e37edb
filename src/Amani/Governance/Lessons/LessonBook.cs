using System.Text.RegularExpressions;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Lessons;

/// <summary>
/// Recording, editing and moving lessons, and turning a recommendation into a follow-up: the rules, shared by the API,
/// the pages and the demo. Each change is one save with its history entry and audit row; a refusal writes nothing.
/// </summary>
public sealed partial class LessonBook(AmaniDbContext db, AuditLog audit, AuditActor actor, IAreaDirectory areas, RecordKinds kinds,
    FollowUpBook followUps, TimeProvider clock)
{
    public const string Module = "lessons";
    private const string SavePoint = "lesson_follow_up";

    public static Refusal Stale { get; } = Refusal.Stale("The lesson was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<Outcome<Lesson>> CreateAsync(MissionEntry mission, LessonInput input, LessonRights rights, CancellationToken cancellationToken)
    {
        var now = Now();
        var lesson = new Lesson { MissionId = mission.Id, Title = "", AuthorUserId = rights.UserId!.Value, Status = LessonStatus.Draft, CreatedAt = now, UpdatedAt = now };
        if (await ApplyAsync(mission, lesson, input, rights, cancellationToken) is { } invalid)
            return invalid;
        db.Set<Lesson>().Add(lesson);
        Log(lesson, null, LessonStatus.Draft, "Recorded.", now);
        audit.Record(AuditAction.LessonRecorded, Lesson.AuditEntity, lesson.Id,
            $"{KindName(lesson.Kind)} recorded in {mission.Code} as a draft{(lesson.Attributed ? "" : ", not attributed")}.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Lesson>.Ok(lesson);
    }

    public async Task<Outcome<Lesson>> UpdateAsync(MissionEntry mission, Lesson lesson, int expectedVersion, LessonInput input, LessonRights rights,
        CancellationToken cancellationToken)
    {
        if (lesson.Version != expectedVersion)
            return Stale;
        if (lesson.Status == LessonStatus.Archived)
            return Refusal.Conflict("The lesson is archived: bring it back (validated) before editing it.");
        if (!rights.MayEdit(lesson))
            return Refusal.NotAllowed("Only its author, until it is validated, and those who manage the mission's lessons can edit a lesson.");
        if (await ApplyAsync(mission, lesson, input, rights, cancellationToken) is { } invalid)
            return invalid; // checked before anything is copied: the lesson is as it was
        var now = Now();
        Log(lesson, null, null, "Edited.", now);
        audit.Record(AuditAction.LessonEdited, Lesson.AuditEntity, lesson.Id, $"Lesson edited (now version {lesson.Version + 1}).");
        return await SaveAsync(lesson, now, cancellationToken);
    }

    public async Task<Outcome<Lesson>> MoveAsync(Lesson lesson, int expectedVersion, LessonTransitionRequest request, LessonRights rights,
        CancellationToken cancellationToken)
    {
        if (lesson.Version != expectedVersion)
            return Stale;
        var to = request.To!.Value;
        if (LessonWorkflow.Moves.Find(lesson.Status, to) is not { } move)
        {
            var next = LessonWorkflow.Moves.NextFrom(lesson.Status).Where(s => rights.MayMove(lesson, s)).Select(Name).ToList();
            return Refusal.Conflict($"A lesson that is {Name(lesson.Status)} cannot move to {Name(to)}" +
                                    (next.Count == 0 ? "." : $"; it can move to: {string.Join(", ", next)}."))
                with { Details = new Dictionary<string, object?> { ["allowed"] = next } };
        }
        if (!rights.MayMove(lesson, to))
            return Refusal.NotAllowed(to == LessonStatus.Submitted
                ? "Only its author and those who manage the mission's lessons can submit a lesson."
                : "Only those who manage the mission's lessons (in its area) can validate, return or archive a lesson.");
        var reason = request.Reason?.Trim();
        if (move.ReasonRequired && (reason is null || reason.Length < 3))
            return Refusal.Invalid("reason", $"Say why the lesson moves to {Name(to)} (3 to 1000 characters).");
        var now = Now();
        var from = lesson.Status;
        lesson.Status = to;
        if (to == LessonStatus.Validated)
            lesson.ValidatedAt ??= now;
        Log(lesson, from, to, string.IsNullOrEmpty(reason) ? $"{Name(from)} → {Name(to)}." : reason, now);
        audit.Record(AuditAction.LessonMoved, Lesson.AuditEntity, lesson.Id, $"Lesson moved from {Name(from)} to {Name(to)}" + (reason is null ? "." : $": {reason}"));
        return await SaveAsync(lesson, now, cancellationToken);
    }

    /// <summary>
    /// Turns a validated lesson's recommendation (a review's improvements) into a follow-up of module <c>lessons</c> that
    /// links back to the lesson, and records it on the lesson — both in one transaction.
    /// </summary>
    public async Task<Outcome<Lesson>> AskFollowUpAsync(MissionEntry mission, Lesson lesson, int expectedVersion, LessonFollowUpRequest request,
        LessonRights rights, CancellationToken cancellationToken)
    {
        if (lesson.Version != expectedVersion)
            return Stale;
        if (!rights.Manages(lesson.AreaId))
            return Refusal.NotAllowed("Only those who manage the mission's lessons (in its area) can turn a recommendation into a follow-up.");
        if (lesson.Status != LessonStatus.Validated)
            return Refusal.Conflict($"The lesson is {Name(lesson.Status)}: validate it before turning its recommendation into a follow-up.");
        if (lesson.FollowUpId is { } existing)
            return Refusal.Conflict($"The recommendation is already followed up (follow-up {existing}).");
        var area = lesson.AreaId is { } areaId ? (await areas.FindAsync([areaId], cancellationToken)).GetValueOrDefault(areaId) : null;
        var details = lesson.Recommends ?? "";
        var create = new FollowUpCreateRequest((request.Title ?? lesson.Title).Trim(), details.Length > FollowUpLimits.Text ? details[..(FollowUpLimits.Text - 1)] + "…" : details,
            request.Owner, request.DueAt, request.RemindBeforeHours ?? 24, null, Module, Lesson.AuditEntity.Name, lesson.Id, area?.PCode);
        // One transaction for the follow-up and the lesson; inside a caller's transaction (the demo's), a savepoint.
        var outer = db.Database.CurrentTransaction;
        await using var transaction = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (outer is not null)
            await outer.CreateSavepointAsync(SavePoint, cancellationToken);
        var created = await followUps.CreateAsync(mission, create, rights.UserId, rights.Manages, cancellationToken);
        if (created.Refusal is { } refused)
            return refused; // the follow-up book refuses before it writes: nothing to undo
        var now = Now();
        lesson.FollowUpId = created.Value!.Id;
        Log(lesson, null, null, $"Its recommendation became a follow-up, due {created.Value.DueAt:yyyy-MM-dd}.", now);
        audit.Record(AuditAction.LessonFollowUpAsked, Lesson.AuditEntity, lesson.Id, $"Recommendation followed up by follow-up {created.Value.Id}.");
        var saved = await SaveAsync(lesson, now, cancellationToken);
        if (transaction is not null && saved.Succeeded)
            await transaction.CommitAsync(cancellationToken);
        else if (outer is not null && !saved.Succeeded)
            await outer.RollbackToSavepointAsync(SavePoint, cancellationToken);
        return saved;
    }

    public static string Name(LessonStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string KindName(LessonKind kind) => kind == LessonKind.Lesson ? "Lesson" : "After-action review";

    private DateTime Now() => AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);

    private void Log(Lesson lesson, LessonStatus? from, LessonStatus? to, string text, DateTime at) => db.Set<LessonStatusChange>().Add(new LessonStatusChange
    {
        LessonId = lesson.Id, FromStatus = from, ToStatus = to, Actor = actor.Actor, ActorUserId = HistoryEntry<LessonStatus>.UserOf(actor),
        Text = text.Length > LessonLimits.Reason ? text[..(LessonLimits.Reason - 1)] + "…" : text, At = at,
    });

    private async Task<Outcome<Lesson>> SaveAsync(Lesson lesson, DateTime now, CancellationToken cancellationToken)
    {
        lesson.Version++;
        lesson.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<Lesson>.Ok(lesson);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return Stale;
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}\p{Mn} '’-]*$")]
    private static partial Regex ThemePattern();

    /// <summary>A theme as stored: trimmed, single spaces, lower case; null when it is not a theme.</summary>
    public static string? NormaliseTheme(string? theme)
    {
        var normal = string.Join(' ', (theme ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant()
            .Normalize(System.Text.NormalizationForm.FormC);
        return normal.Length is >= 2 and <= LessonLimits.Theme && ThemePattern().IsMatch(normal) ? normal : null;
    }

    /// <summary>Checks the rules and copies <paramref name="input"/> onto <paramref name="lesson"/>; returns the first violation.</summary>
    private async Task<Refusal?> ApplyAsync(MissionEntry mission, Lesson lesson, LessonInput input, LessonRights rights, CancellationToken cancellationToken)
    {
        var kind = input.Kind!.Value;
        string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var (lessonFields, reviewFields) = (
            new (string Name, string? Value)[] { ("observation", Text(input.Observation)), ("discussion", Text(input.Discussion)), ("recommendation", Text(input.Recommendation)) },
            new (string Name, string? Value)[] { ("expected", Text(input.Expected)), ("happened", Text(input.Happened)), ("causes", Text(input.Causes)), ("improvements", Text(input.Improvements)) });
        var (own, other) = kind == LessonKind.Lesson ? (lessonFields, reviewFields) : (reviewFields, lessonFields);
        foreach (var (name, value) in own.Where(f => f.Name != "discussion"))
            if (value is null || value.Length < 3)
                return Refusal.Invalid(name, kind == LessonKind.Lesson
                    ? "A lesson says what was observed (observation) and what to do (recommendation): give each in 3 to 8000 characters."
                    : "An after-action review says what was expected, what happened, why (causes) and what to improve (improvements): give each in 3 to 8000 characters.");
        if (other.FirstOrDefault(f => f.Value is not null) is { Name: { } stray })
            return Refusal.Invalid(stray, kind == LessonKind.Lesson
                ? $"'{stray}' belongs to an after-action review: leave it out of a lesson, or record an after-action review (kind afterActionReview)."
                : $"'{stray}' belongs to a lesson: leave it out of an after-action review, or record a lesson (kind lesson).");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (input.HappenedOn is { } on && (on > today.AddDays(1) || on.Year < 1990))
            return Refusal.Invalid("happenedOn", on.Year < 1990 ? "The date is before 1990; check the year." : "The date is in the future; give when it happened.");

        Guid? areaId = null;
        if (!string.IsNullOrWhiteSpace(input.AreaPCode))
        {
            if (await areas.FindAsync(mission.Id, input.AreaPCode.Trim(), cancellationToken) is not { } area)
                return Refusal.Invalid("areaPCode", $"There is no area {input.AreaPCode.Trim()} in {mission.Code}.");
            areaId = area.Id;
        }
        if (!rights.MayRecord(areaId) && !rights.Manages(areaId))
            return Refusal.Invalid("areaPCode", "Your role records lessons in some areas only: give one of your areas, or none (the whole mission).");

        var themes = new List<string>();
        foreach (var (theme, i) in (input.Themes ?? []).Select((t, i) => (t, i)))
        {
            if (NormaliseTheme(theme) is not { } normal)
                return Refusal.Invalid($"themes[{i}]", "A theme is 2 to 40 letters, digits, spaces, hyphens or apostrophes (e.g. early warning).");
            if (!themes.Contains(normal))
                themes.Add(normal);
        }
        var links = new List<(string Kind, Guid Id)>();
        foreach (var (link, i) in (input.Links ?? []).Select((l, i) => (l, i)))
        {
            var type = link.Kind.Trim();
            if (kinds.Find(type) is null)
                return Refusal.Invalid($"links[{i}].kind", $"'{type}' is not a kind of record; give one of: {string.Join(", ", kinds.Types.Order())}.");
            if (type == Lesson.AuditEntity.Name && link.Id == lesson.Id)
                return Refusal.Invalid($"links[{i}].id", "A lesson cannot link to itself.");
            if (!links.Contains((type, link.Id!.Value)))
                links.Add((type, link.Id!.Value));
        }

        lesson.Kind = kind;
        lesson.Title = input.Title.Trim();
        lesson.HappenedOn = input.HappenedOn;
        (lesson.Observation, lesson.Discussion, lesson.Recommendation) = (lessonFields[0].Value, lessonFields[1].Value, lessonFields[2].Value);
        (lesson.Expected, lesson.Happened, lesson.Causes, lesson.Improvements) = (reviewFields[0].Value, reviewFields[1].Value, reviewFields[2].Value, reviewFields[3].Value);
        lesson.AreaId = areaId;
        lesson.Attributed = input.Attributed ?? true;
        lesson.Themes.RemoveAll(t => !themes.Contains(t.Theme));
        lesson.Themes.AddRange(themes.Where(t => lesson.Themes.All(x => x.Theme != t)).Select(t => new LessonTheme { LessonId = lesson.Id, Theme = t }));
        lesson.Links.RemoveAll(l => !links.Contains((l.RecordType, l.RecordId)));
        lesson.Links.AddRange(links.Where(l => !lesson.Links.Any(x => x.RecordType == l.Kind && x.RecordId == l.Id))
            .Select(l => new LessonLink { LessonId = lesson.Id, RecordType = l.Kind, RecordId = l.Id }));
        LessonSearch.Index(lesson);
        return null;
    }
}
