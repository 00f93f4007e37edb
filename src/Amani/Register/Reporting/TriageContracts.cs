using System.ComponentModel.DataAnnotations;
using Amani.Register.Incidents;

namespace Amani.Register.Reporting;

/// <summary>
/// A report as staff see it in the triage queue. Never the contact itself: only whether there is one.
/// <see cref="Version"/>: what the report's ETag says, to send back in If-Match. <see cref="PossibleDuplicates"/>: in the
/// queue, for reports not yet linked, how many likely duplicates it has.
/// </summary>
public sealed record TriageReport(Guid Id, string TrackingCode, ReportChannel Channel, ReportStatus Status, string Description, double? Latitude,
    double? Longitude, string? PlaceName, Guid? AreaId, DateTime? OccurredAt, string? Language, bool HasContact, bool ConsentToContact,
    Guid? IncidentId, Guid? AssignedToUserId, DateTime ReceivedAt, int Version, int? PossibleDuplicates = null);

public sealed record TriageReportDetail(TriageReport Report, IReadOnlyList<ReporterMessage> Messages, IReadOnlyList<ReportHistoryEntry> History);

/// <summary>An entry of a report's history: a move (from → to) or an assignment (no statuses), who, what, when.</summary>
public sealed record ReportHistoryEntry(ReportStatus? From, ReportStatus? To, string Actor, string Text, DateTime At);

public sealed record TriagePage(IReadOnlyList<TriageReport> Items, int? NextOffset);

/// <summary>Link a report to an existing incident, or record a new incident from it (exactly one of the two).</summary>
public sealed record LinkReportRequest(Guid? IncidentId, IncidentInput? NewIncident);

public sealed record ReplyRequest([property: Required, StringLength(ReportLimits.Message, MinimumLength = 1)] string Body);

public sealed record ReportStatusRequest([property: Required] ReportStatus? Status);
