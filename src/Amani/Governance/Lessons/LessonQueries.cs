using System.Text;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Lessons;

/// <summary>
/// Reading lessons: a mission's list (most recently changed first, keyset paging) or search (best match first, paged by
/// position), filtered by theme, area, kind, status and "mine"; the themes in use; one lesson with its history. Only
/// what <see cref="LessonRights"/> lets the caller see, and never the author of a lesson that is not attributed. Shared by
/// the API and the pages.
/// </summary>
public sealed class LessonQueries(AmaniDbContext db, AccessContext access, IMissionDirectory missions, IAreaDirectory areas, IPeopleDirectory people,
    RecordKinds kinds)
{
    /// <summary>The mission and the caller's rights in it when they may read its lessons; else null (answer 404).</summary>
    public async Task<(MissionEntry Mission, LessonRights Rights)?> MissionAsync(string code, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code.Trim().ToUpperInvariant(), cancellationToken) is not { } mission
            || !await access.HasAsync(Permission.LessonsRead, mission.Id, cancellationToken))
            return null;
        return (mission, await LessonRights.OfAsync(access, mission.Id, cancellationToken));
    }

    /// <summary>The lesson of the mission if the caller may see it (else null: answer 404, its existence is not disclosed).</summary>
    public async Task<Lesson?> FindAsync(LessonRights rights, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<Lesson>().Where(l => l.Id == id && l.MissionId == rights.MissionId).Include(l => l.Themes).Include(l => l.Links);
        var lesson = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return lesson is not null && rights.Sees(lesson) ? lesson : null;
    }

    /// <summary>The most lessons an export holds (the most relevant, or the most recently changed, first).</summary>
    public const int ExportLimit = 10_000;

    public async Task<Outcome<LessonPage>> PageAsync(MissionEntry mission, LessonRights rights, LessonFilter filter, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var filtered = await FilteredAsync(mission, rights, filter, cancellationToken);
        if (filtered.Refusal is { } refused)
            return refused;
        var query = filtered.Value!;
        var size = Paging.Size(limit);
        List<Lesson> rows;
        string? next;
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var offset = 0;
            if (cursor is not null && !TryParseOffset(cursor, out offset))
                return Refusal.Invalid("cursor", Paging.BadCursor);
            rows = await SearchAsync(query, filter.Q, offset, size + 1, cancellationToken);
            next = rows.Count > size ? Offset(offset + size) : null;
        }
        else
        {
            if (cursor is not null)
            {
                if (!Paging.TryParseCursor(cursor, out var after))
                    return Refusal.Invalid("cursor", Paging.BadCursor);
                query = query.Where(l => l.UpdatedAt < after.At || (l.UpdatedAt == after.At && l.Id.CompareTo(after.Id) < 0));
            }
            rows = await query.OrderByDescending(l => l.UpdatedAt).ThenByDescending(l => l.Id).Take(size + 1).Include(l => l.Themes)
                .ToListAsync(cancellationToken);
            next = rows.Count > size ? Paging.Cursor(rows[size - 1].UpdatedAt, rows[size - 1].Id) : null;
        }
        var page = rows.Take(size).ToList();
        return Outcome<LessonPage>.Ok(new LessonPage((await SummariesAsync(rights, page, cancellationToken)).Select(r => r.Summary).ToList(), next));
    }

    /// <summary>
    /// Every lesson the caller sees that <paramref name="filter"/> keeps (at most <see cref="ExportLimit"/>), in the list's
    /// order, each with its summary — whose author is null when the lesson is not attributed — and its texts: what an export writes.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<LessonExportRow>>> AllAsync(MissionEntry mission, LessonRights rights, LessonFilter filter,
        CancellationToken cancellationToken)
    {
        var filtered = await FilteredAsync(mission, rights, filter, cancellationToken);
        if (filtered.Refusal is { } refused)
            return refused;
        var rows = !string.IsNullOrWhiteSpace(filter.Q)
            ? await SearchAsync(filtered.Value!, filter.Q, 0, ExportLimit, cancellationToken)
            : await filtered.Value!.OrderByDescending(l => l.UpdatedAt).ThenByDescending(l => l.Id).Take(ExportLimit).Include(l => l.Themes)
                .ToListAsync(cancellationToken);
        return Outcome<IReadOnlyList<LessonExportRow>>.Ok(await SummariesAsync(rights, rows, cancellationToken));
    }

    /// <summary>The lessons the caller sees that the filter's theme, area, kind, status and "mine" keep, as a query (or the filter's refusal).</summary>
    private async Task<Outcome<IQueryable<Lesson>>> FilteredAsync(MissionEntry mission, LessonRights rights, LessonFilter filter,
        CancellationToken cancellationToken)
    {
        var query = rights.Visible(db.Set<Lesson>().AsNoTracking());
        if (!string.IsNullOrWhiteSpace(filter.Theme))
        {
            var theme = LessonBook.NormaliseTheme(filter.Theme);
            query = query.Where(l => l.Themes.Any(t => t.Theme == theme));
        }
        if (!string.IsNullOrWhiteSpace(filter.Area))
        {
            if (await areas.FindAsync(mission.Id, filter.Area.Trim(), cancellationToken) is not { } area)
                return Refusal.Invalid("area", $"There is no area {filter.Area.Trim()} in {mission.Code}.");
            var subtree = (await areas.SubtreeAsync([area.Id], cancellationToken)).ToList();
            query = query.Where(l => l.AreaId != null && subtree.Contains(l.AreaId.Value));
        }
        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            if (!TryParse<LessonKind>(filter.Kind, out var kind))
                return Refusal.Invalid("kind", "Give lesson or afterActionReview.");
            query = query.Where(l => l.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            if (!TryParse<LessonStatus>(filter.Status, out var status))
                return Refusal.Invalid("status", "Give one of: draft, submitted, validated, archived.");
            query = query.Where(l => l.Status == status);
        }
        if (filter.Mine == true)
        {
            var me = rights.UserId ?? Guid.Empty;
            query = query.Where(l => l.AuthorUserId == me);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q) && LessonSearch.Terms(filter.Q).Count == 0)
            return Refusal.Invalid("q", "Give words to search for (letters or digits, two or more each).");
        return Outcome<IQueryable<Lesson>>.Ok(query);
    }

    /// <summary>The lessons of <paramref name="query"/> that match the words of <paramref name="q"/>, best match first, from <paramref name="offset"/>.</summary>
    private async Task<List<Lesson>> SearchAsync(IQueryable<Lesson> query, string q, int offset, int take, CancellationToken cancellationToken)
    {
        var hits = LessonSearch.Hits(db, LessonSearch.Terms(q));
        var ranked = await (from l in query join h in hits on l.Id equals h.Id orderby h.Rank descending, l.Id select l.Id)
            .Skip(offset).Take(take).ToListAsync(cancellationToken);
        var found = await db.Set<Lesson>().AsNoTracking().Where(l => ranked.Contains(l.Id)).Include(l => l.Themes).ToDictionaryAsync(l => l.Id, cancellationToken);
        return ranked.Select(id => found[id]).ToList();
    }

    /// <summary>The summaries of <paramref name="lessons"/> (their themes loaded): area names, and the author only of an attributed lesson.</summary>
    private async Task<IReadOnlyList<LessonExportRow>> SummariesAsync(LessonRights rights, IReadOnlyList<Lesson> lessons, CancellationToken cancellationToken)
    {
        var areaNames = await areas.FindAsync(lessons.Where(l => l.AreaId != null).Select(l => l.AreaId!.Value).Distinct(), cancellationToken);
        var authors = await AuthorsAsync(lessons, cancellationToken);
        return lessons.Select(l => new LessonExportRow(new LessonSummary(l.Id, l.Kind, l.Title, l.Status,
            l.Themes.Select(t => t.Theme).Order().ToList(), Area(areaNames, l.AreaId)?.PCode, Area(areaNames, l.AreaId)?.Name, l.Attributed,
            authors.GetValueOrDefault(l.Id), rights.IsAuthor(l), Excerpt(l), l.UpdatedAt, l.Version),
            l.HappenedOn, l.Observation, l.Discussion, l.Recommendation, l.Expected, l.Happened, l.Causes, l.Improvements)).ToList();
    }

    /// <summary>The themes of the lessons the caller sees in the mission, most used first.</summary>
    public async Task<IReadOnlyList<LessonThemeCount>> ThemesAsync(LessonRights rights, CancellationToken cancellationToken)
    {
        var visible = rights.Visible(db.Set<Lesson>().AsNoTracking()).Select(l => l.Id);
        var counts = await db.Set<LessonTheme>().AsNoTracking().Where(t => visible.Contains(t.LessonId)).GroupBy(t => t.Theme)
            .Select(g => new { Theme = g.Key, Lessons = g.Count() }).OrderByDescending(t => t.Lessons).ThenBy(t => t.Theme).Take(200).ToListAsync(cancellationToken);
        return counts.Select(c => new LessonThemeCount(c.Theme, c.Lessons)).ToList();
    }

    public async Task<LessonResponse> DetailAsync(MissionEntry mission, LessonRights rights, Lesson lesson, CancellationToken cancellationToken)
    {
        var area = lesson.AreaId is { } areaId ? (await areas.FindAsync([areaId], cancellationToken)).GetValueOrDefault(areaId) : null;
        var history = await db.Set<LessonStatusChange>().AsNoTracking().Where(c => c.LessonId == lesson.Id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var names = await people.FindAsync(history.Where(h => h.ActorUserId != null).Select(h => h.ActorUserId!.Value).Append(lesson.AuthorUserId).Distinct(),
            cancellationToken);
        string ActorOf(LessonStatusChange change) => change.ActorUserId is { } user
            ? !lesson.Attributed && user == lesson.AuthorUserId ? "the author" : names.GetValueOrDefault(user)?.DisplayName ?? change.Actor
            : change.Actor;
        var code = mission.Code;
        return new LessonResponse(lesson.Id, code, lesson.Kind, lesson.Title, lesson.HappenedOn, lesson.Observation, lesson.Discussion,
            lesson.Recommendation, lesson.Expected, lesson.Happened, lesson.Causes, lesson.Improvements, lesson.Themes.Select(t => t.Theme).Order().ToList(),
            area?.PCode, area?.Name, lesson.Status, LessonWorkflow.Moves.NextFrom(lesson.Status).Where(s => rights.MayMove(lesson, s)).ToList(),
            lesson.Attributed, lesson.Attributed ? new LessonAuthor(lesson.AuthorUserId, names.GetValueOrDefault(lesson.AuthorUserId)?.DisplayName ?? "") : null,
            rights.IsAuthor(lesson), rights.MayEdit(lesson),
            lesson.Status == LessonStatus.Validated && lesson.FollowUpId is null && rights.Manages(lesson.AreaId),
            lesson.Links.OrderBy(l => l.RecordType).ThenBy(l => l.RecordId).Select(l => new LessonLinkResponse(l.RecordType, l.RecordId, kinds.PathOf(l.RecordType, code, l.RecordId))).ToList(),
            lesson.FollowUpId is { } followUp ? new LessonFollowUpResponse(followUp, $"/missions/{Uri.EscapeDataString(code)}/follow-ups/{followUp}") : null,
            lesson.Version, lesson.CreatedAt, lesson.UpdatedAt, lesson.ValidatedAt,
            history.Select(h => new LessonHistoryResponse(h.FromStatus, h.ToStatus, ActorOf(h), h.Text, h.At)).ToList());
    }

    /// <summary>The authors of the attributed lessons of <paramref name="lessons"/>, by lesson; none for a lesson not attributed.</summary>
    private async Task<Dictionary<Guid, LessonAuthor>> AuthorsAsync(IReadOnlyList<Lesson> lessons, CancellationToken cancellationToken)
    {
        var attributed = lessons.Where(l => l.Attributed).ToList();
        var names = await people.FindAsync(attributed.Select(l => l.AuthorUserId).Distinct(), cancellationToken);
        return attributed.ToDictionary(l => l.Id, l => new LessonAuthor(l.AuthorUserId, names.GetValueOrDefault(l.AuthorUserId)?.DisplayName ?? ""));
    }

    private static AreaEntry? Area(IReadOnlyDictionary<Guid, AreaEntry> areas, Guid? id) => id is { } areaId ? areas.GetValueOrDefault(areaId) : null;

    /// <summary>The start of what the lesson observed (a review: what happened), at most 240 characters.</summary>
    public static string Excerpt(Lesson lesson)
    {
        var text = (lesson.Kind == LessonKind.Lesson ? lesson.Observation : lesson.Happened) ?? "";
        return text.Length <= 240 ? text : text[..239].TrimEnd() + "…";
    }

    internal static bool TryParse<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && text.Trim().All(char.IsAsciiLetter);

    private static string Offset(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"search:{offset}")).TrimEnd('=');

    private static bool TryParseOffset(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var padded = cursor + new string('=', (4 - cursor.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("search:", StringComparison.Ordinal) && int.TryParse(text["search:".Length..], out offset) && offset is >= 0 and <= 1_000_000;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
