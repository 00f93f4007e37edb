using System.Globalization;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Register.Incidents;

namespace Amani.Register.Reporting;

/// <summary>Which reports the triage page lists: by status (default: the open ones, new and in review), source and linked incident's category.</summary>
public sealed record TriageFilter(IReadOnlyList<ReportStatus> Statuses, string? Source, string? Category)
{
    public static readonly IReadOnlyList<ReportStatus> Open = [ReportStatus.New, ReportStatus.InReview];
    public static readonly IReadOnlyList<ReportStatus> All = [ReportStatus.New, ReportStatus.InReview, ReportStatus.Linked, ReportStatus.Closed];

    /// <summary>Reads the page's query words: status <c>open</c> (default), <c>all</c> or one status; source <c>web</c> or <c>sms</c>.</summary>
    public static TriageFilter Parse(string? status, string? source, string? category) => new(
        status?.ToLowerInvariant() switch
        {
            null or "" or "open" => Open,
            "all" => All,
            var one => Enum.TryParse<ReportStatus>(one, ignoreCase: true, out var s) && Enum.IsDefined(s) ? [s] : Open,
        },
        source?.ToLowerInvariant() is "web" or "sms" ? source.ToLowerInvariant() : null,
        string.IsNullOrWhiteSpace(category) ? null : category.Trim());
}

/// <summary>One row of the triage page: only the columns it shows (the description shortened in the database).</summary>
public sealed record TriageRow(Guid Id, string TrackingCode, ReportChannel Channel, ReportStatus Status, string Excerpt, string? PlaceName,
    DateTime ReceivedAt, Guid? AssignedToUserId, Guid? IncidentId, bool HasContact);

public sealed record TriageRows(IReadOnlyList<TriageRow> Items, string? Next);

/// <summary>
/// The triage page's list: new reports first, then the other statuses in their order (in review, linked, closed),
/// newest first within a status, with keyset paging — each page is one indexed range read per status on
/// <c>(mission_id, status, received_at)</c>, however deep the page, and never a count of the whole queue.
/// The cursor is <c>status index.received-at ticks.id</c>.
/// </summary>
public sealed class TriageQueue(AmaniDbContext db)
{
    public const int PageSize = 50;
    public const int ExcerptLength = 160;

    /// <param name="scope">Where the caller reads reports (<see cref="AccessContext.AreaScopeAsync"/>): other areas' reports are left out.</param>
    public async Task<TriageRows> PageAsync(Guid missionId, TriageFilter filter, AreaScope scope, string? after, CancellationToken cancellationToken)
    {
        var cursor = Cursor.Parse(after);
        var rows = new List<TriageRow>();
        foreach (var status in filter.Statuses.OrderBy(s => (int)s))
        {
            if (cursor is not null && (int)status < cursor.Status)
                continue;
            var query = scope.Filter(Filtered(missionId, filter, status), r => r.AreaId);
            if (cursor is not null && (int)status == cursor.Status)
                query = query.Where(r => r.ReceivedAt < cursor.ReceivedAt || (r.ReceivedAt == cursor.ReceivedAt && r.Id.CompareTo(cursor.Id) < 0));
            rows.AddRange(await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(PageSize + 1 - rows.Count)
                .Select(r => new TriageRow(r.Id, r.TrackingCode, r.Channel, r.Status, r.Description.Substring(0, ExcerptLength), r.PlaceName, r.ReceivedAt,
                    r.AssignedToUserId, r.IncidentId, r.ContactProtected != null))
                .ToListAsync(cancellationToken));
            if (rows.Count > PageSize)
                break;
        }
        if (rows.Count <= PageSize)
            return new TriageRows(rows, null);
        var last = rows[PageSize - 1];
        return new TriageRows(rows.Take(PageSize).ToList(), new Cursor((int)last.Status, last.ReceivedAt, last.Id).ToString());
    }

    private IQueryable<CommunityReport> Filtered(Guid missionId, TriageFilter filter, ReportStatus status)
    {
        var query = db.CommunityReports.AsNoTracking().Where(r => r.MissionId == missionId && r.Status == status);
        if (filter.Source == "sms")
            query = query.Where(r => r.Channel == ReportChannel.Sms);
        else if (filter.Source == "web")
            query = query.Where(r => r.Channel == ReportChannel.Web || r.Channel == ReportChannel.WebForm);
        if (filter.Category is { } category)
        {
            var prefix = category + ".";
            query = query.Where(r => db.Set<Incident>().Any(i => i.Id == r.IncidentId && (i.CategoryCode == category || i.CategoryCode.StartsWith(prefix))));
        }
        return query;
    }

    private sealed record Cursor(int Status, DateTime ReceivedAt, Guid Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Status}.{ReceivedAt.Ticks}.{Id:N}");

        public static Cursor? Parse(string? text)
        {
            var parts = text?.Split('.');
            return parts is [var s, var t, var i] && int.TryParse(s, CultureInfo.InvariantCulture, out var status)
                   && long.TryParse(t, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks
                   && Guid.TryParseExact(i, "N", out var id)
                ? new Cursor(status, new DateTime(ticks, DateTimeKind.Utc), id)
                : null;
        }
    }
}
