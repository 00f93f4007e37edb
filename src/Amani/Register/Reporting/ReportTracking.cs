using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>
/// Following a report by its tracking code, as its reporter does (the public API and the <c>/report/status</c> page):
/// the public status and the messages meant for the reporter — nothing else.
/// </summary>
public static class ReportTracking
{
    /// <summary>What a wrong code is told, malformed or unknown alike: a guesser learns nothing from it.</summary>
    public const string UnknownCode =
        "There is no report with this tracking code. Check it against the code you were given: 12 letters and digits, as XXXX-XXXX-XXXX.";

    /// <summary>
    /// The reporter's view of the report, or null for a wrong code. The same queries run whether or not the code
    /// exists, so the answer time does not tell a guesser which codes are real.
    /// </summary>
    public static async Task<ReportStatusResponse?> FindAsync(AmaniDbContext db, string? code, CancellationToken cancellationToken)
    {
        var (report, messages, incidentStatus) = await LoadAsync(db, code, cancellationToken);
        return report is null
            ? null
            : new ReportStatusResponse(TrackingCode.Format(report.TrackingCode), ReporterView.Status(report.Status, incidentStatus), report.ReceivedAt,
                messages);
    }

    /// <summary>The report, its messages for the reporter and its incident's status (same queries for a wrong code).</summary>
    public static async Task<(CommunityReport?, List<ReporterMessage>, IncidentStatus?)> LoadAsync(AmaniDbContext db, string? code,
        CancellationToken cancellationToken)
    {
        var normalized = TrackingCode.Normalize(code) ?? "";
        var report = await db.CommunityReports.AsNoTracking().FirstOrDefaultAsync(r => r.TrackingCode == normalized, cancellationToken);
        var reportId = report?.Id ?? Guid.Empty;
        var messages = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == reportId).OrderBy(m => m.At).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var incidentId = report?.IncidentId ?? Guid.Empty;
        var incidentStatus = await db.Incidents.Where(i => i.Id == incidentId).Select(i => (IncidentStatus?)i.Status).FirstOrDefaultAsync(cancellationToken);
        return (report, messages.Select(ReporterView.Message).ToList(), incidentStatus);
    }
}
