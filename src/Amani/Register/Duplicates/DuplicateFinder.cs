using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Register.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Duplicates;

/// <summary>One candidate duplicate, as the API lists it: an incident or a community report, with its score and reasons.</summary>
public sealed record DuplicateCandidate(string Kind, Guid Id, double Score, IReadOnlyList<string> Reasons, DateTime OccurredAt, string? CategoryCode,
    string Status, double? Latitude, double? Longitude, string? PlaceName, string Excerpt);

public sealed record DuplicateList(IReadOnlyList<DuplicateCandidate> Items);

/// <summary>
/// Finds candidate duplicates in two steps. First an indexed pre-filter in the database: same mission, occurrence
/// within <see cref="DuplicateScorer.Window"/> of the subject (on the <c>(mission_id, occurred_from, id)</c> index), and,
/// when the subject has coordinates, inside the bounding box of <see cref="DuplicateScorer.Radius"/> km around it (or
/// without coordinates); at most <see cref="MaxRows"/> rows. Then <see cref="DuplicateScorer"/> ranks them in memory.
/// Incidents already marked duplicate are never candidates: their survivor is.
/// </summary>
public sealed class DuplicateFinder(AmaniDbContext db)
{
    public const int MaxRows = 2000;
    /// <summary>Incidents whose occurrence range starts this long before the window are not looked at (month- or year-precise ones).</summary>
    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(31);
    /// <summary>A report is looked at when received within this long after the window (reports come after the event).</summary>
    public static readonly TimeSpan ReportDelay = TimeSpan.FromDays(14);
    public const int Excerpt = 200;

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    /// <summary>A candidate row as loaded: enough to score it and to list it.</summary>
    public sealed record Row(string Kind, Guid Id, DuplicateSubject Subject, string Status, string? PlaceName, Guid? IncidentId);

    /// <summary>The time window and bounding box that the pre-filter searches, around one subject or several.</summary>
    public sealed record Area(DateTime Lower, DateTime Upper, double? MinLat, double? MaxLat, double? MinLon, double? MaxLon)
    {
        public static Area Around(IReadOnlyCollection<DuplicateSubject> subjects)
        {
            var lower = subjects.Min(s => s.From ?? DateTime.MaxValue) - DuplicateScorer.Window;
            var upper = subjects.Max(s => s.Until ?? s.From ?? DateTime.MinValue) + DuplicateScorer.Window;
            if (subjects.Any(s => s.Latitude is null || s.Longitude is null))
                return new Area(lower, upper, null, null, null, null);
            var latDelta = DuplicateScorer.Radius / 111.32;
            double LonDelta(double lat) => Math.Min(180, DuplicateScorer.Radius / (111.32 * Math.Max(0.01, Math.Cos(lat * Math.PI / 180))));
            return new Area(lower, upper, subjects.Min(s => s.Latitude!.Value) - latDelta, subjects.Max(s => s.Latitude!.Value) + latDelta,
                subjects.Min(s => s.Longitude!.Value - LonDelta(s.Latitude!.Value)), subjects.Max(s => s.Longitude!.Value + LonDelta(s.Latitude!.Value)));
        }
    }

    public static DuplicateSubject SubjectOf(Incident i) => new(i.OccurredFrom, i.OccurredUntil, i.Latitude, i.Longitude, i.CategoryCode, i.Description);

    public static DuplicateSubject SubjectOf(TriageReport r) => new(r.OccurredAt ?? r.ReceivedAt, r.OccurredAt ?? r.ReceivedAt, r.Latitude, r.Longitude, null,
        r.Description);

    public static DuplicateSubject SubjectOf(CommunityReport r) => new(r.OccurredAt ?? r.ReceivedAt, r.OccurredAt ?? r.ReceivedAt, r.Latitude, r.Longitude, null,
        r.Description);

    public async Task<List<Row>> IncidentsAsync(IQueryable<Incident> visible, Area area, CancellationToken cancellationToken)
    {
        var earliestStart = area.Lower - LongestRange;
        var query = visible.AsNoTracking().Where(i => i.Status != IncidentStatus.Duplicate && i.OccurredFrom <= area.Upper && i.OccurredFrom >= earliestStart
            && i.OccurredUntil >= area.Lower);
        if (area.MinLat is { } minLat && area is { MaxLat: { } maxLat, MinLon: { } minLon, MaxLon: { } maxLon })
            query = query.Where(i => i.Latitude == null || (i.Latitude >= minLat && i.Latitude <= maxLat && i.Longitude >= minLon && i.Longitude <= maxLon));
        var rows = await query.OrderByDescending(i => i.OccurredFrom).ThenByDescending(i => i.Id).Take(MaxRows)
            .Select(i => new { i.Id, i.OccurredFrom, i.OccurredUntil, i.Latitude, i.Longitude, i.CategoryCode, Text = i.Description.Substring(0, TextSimilarity.MaxCompared),
                i.Status, i.PlaceName })
            .ToListAsync(cancellationToken);
        return rows.Select(i => new Row("incident", i.Id, new DuplicateSubject(i.OccurredFrom, i.OccurredUntil, i.Latitude, i.Longitude, i.CategoryCode, i.Text),
            Camel(i.Status.ToString()), i.PlaceName, i.Id)).ToList();
    }

    /// <summary>The candidate duplicates of <paramref name="incident"/> among the incidents the caller may see (API and web pages).</summary>
    public async Task<DuplicateList> OfIncidentAsync(Foundation.Missions.Mission mission, Incident incident, Platform.Access.AccessContext access,
        CancellationToken cancellationToken)
    {
        var subject = SubjectOf(incident);
        var visible = await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken);
        var rows = (await IncidentsAsync(visible, Area.Around([subject]), cancellationToken)).Where(r => r.Id != incident.Id);
        return List(subject, rows);
    }

    /// <summary>The best <see cref="DuplicatesApi.MaxCandidates"/> of <paramref name="rows"/> for <paramref name="subject"/>, as listed.</summary>
    public static DuplicateList List(DuplicateSubject subject, IEnumerable<Row> rows) =>
        new(Rank(subject, rows).Take(DuplicatesApi.MaxCandidates).Select(s => ToCandidate(s.Row, s.Score)).ToList());

    public async Task<List<Row>> ReportsAsync(Guid missionId, Area area, CancellationToken cancellationToken)
    {
        var receivedBy = area.Upper + ReportDelay;
        var query = db.CommunityReports.AsNoTracking().Where(r => r.MissionId == missionId && r.ReceivedAt >= area.Lower && r.ReceivedAt <= receivedBy
            && ((r.OccurredAt == null && r.ReceivedAt <= area.Upper) || (r.OccurredAt >= area.Lower && r.OccurredAt <= area.Upper)));
        if (area.MinLat is { } minLat && area is { MaxLat: { } maxLat, MinLon: { } minLon, MaxLon: { } maxLon })
            query = query.Where(r => r.Latitude == null || (r.Latitude >= minLat && r.Latitude <= maxLat && r.Longitude >= minLon && r.Longitude <= maxLon));
        var rows = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(MaxRows)
            .Select(r => new { r.Id, r.OccurredAt, r.ReceivedAt, r.Latitude, r.Longitude, Text = r.Description.Substring(0, TextSimilarity.MaxCompared),
                r.Status, r.PlaceName, r.IncidentId })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Row("report", r.Id, new DuplicateSubject(r.OccurredAt ?? r.ReceivedAt, r.OccurredAt ?? r.ReceivedAt, r.Latitude, r.Longitude,
            null, r.Text), Camel(r.Status.ToString()), r.PlaceName, r.IncidentId)).ToList();
    }

    /// <summary>The rows scored against <paramref name="subject"/>, best first (ties: newest id first), only those with a score.</summary>
    public static IEnumerable<(Row Row, DuplicateScore Score)> Rank(DuplicateSubject subject, IEnumerable<Row> rows) =>
        rows.Select(row => (Row: row, Score: DuplicateScorer.Score(subject, row.Subject)))
            .Where(s => s.Score.Score > 0)
            .OrderByDescending(s => s.Score.Score).ThenByDescending(s => s.Row.Id.ToString(), StringComparer.Ordinal);

    /// <summary>
    /// For each unlinked report of a triage page, how many incidents (that the caller can see) and other reports score at
    /// least <see cref="DuplicateScorer.Likely"/>. Two pre-filter queries for the whole page, around all its reports.
    /// </summary>
    public async Task<Dictionary<Guid, int>> CountLikelyAsync(Guid missionId, IQueryable<Incident> visible,
        IReadOnlyList<(Guid Id, DuplicateSubject Subject)> reports, CancellationToken cancellationToken)
    {
        if (reports.Count == 0)
            return [];
        var area = Area.Around(reports.Select(r => r.Subject).ToList());
        var rows = (await IncidentsAsync(visible, area, cancellationToken)).Concat(await ReportsAsync(missionId, area, cancellationToken)).ToList();
        return reports.ToDictionary(r => r.Id, r => rows.Count(row => row.Id != r.Id && DuplicateScorer.Score(r.Subject, row.Subject).Score >= DuplicateScorer.Likely));
    }

    /// <summary>The best <paramref name="top"/> candidates for a report: incidents the caller sees (not its own) and the mission's other reports.</summary>
    public async Task<List<DuplicateCandidate>> ForReportAsync(CommunityReport report, IQueryable<Incident> visible, int top,
        CancellationToken cancellationToken)
    {
        var subject = SubjectOf(report);
        var area = Area.Around([subject]);
        var rows = (await IncidentsAsync(visible, area, cancellationToken)).Where(r => r.Id != report.IncidentId)
            .Concat((await ReportsAsync(report.MissionId, area, cancellationToken)).Where(r => r.Id != report.Id));
        return Rank(subject, rows).Take(top).Select(s => ToCandidate(s.Row, s.Score)).ToList();
    }

    public static DuplicateCandidate ToCandidate(Row row, DuplicateScore score) => new(row.Kind, row.Id, score.Score, score.Reasons,
        row.Subject.From!.Value, row.Subject.CategoryCode, row.Status, row.Subject.Latitude, row.Subject.Longitude, row.PlaceName,
        row.Subject.Text is { Length: > Excerpt } text ? text[..Excerpt] + "…" : row.Subject.Text ?? "");
}
