using Amani.Platform.Audit;
namespace Amani.Register.Reporting;

public enum ReportChannel { Web, WebForm, Sms }

/// <summary>Where a report stands in triage. What the reporter sees is <see cref="PublicReportStatus"/>.</summary>
public enum ReportStatus { New, InReview, Linked, Closed }

/// <summary>The status words a reporter sees on the status page: nothing about who looked at it or why.</summary>
public enum PublicReportStatus { Received, UnderReview, Verified, ActionTaken, Closed }

/// <summary>
/// What a person in the community reported, by web form or SMS, possibly anonymously. The reporter's contact details
/// are only ever stored encrypted (<see cref="ContactProtected"/>, ASP.NET Core Data Protection) and are revealed to
/// authorised staff one audited request at a time. <see cref="Version"/> increases with every change (<see cref="Touch"/>);
/// it is the ETag staff send back in If-Match.
/// </summary>
public sealed class CommunityReport
{
    /// <summary>What audit rows about these records name (<c>community_report</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("community_report");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    /// <summary>The reporter's tracking code, normalised (12 Crockford base32 characters, no hyphens).</summary>
    public required string TrackingCode { get; set; }
    /// <summary>SHA-256 of the client's idempotency key, with <see cref="RequestFingerprint"/> of the content it came with.</summary>
    public string? IdempotencyKeyHash { get; set; }
    public string? RequestFingerprint { get; set; }
    public ReportChannel Channel { get; set; }

    public required string Description { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? PlaceName { get; set; }
    public Guid? AreaId { get; set; }
    public DateTime? OccurredAt { get; set; }
    public string? Language { get; set; }

    /// <summary>Encrypted JSON of the contact ({phone, email}); null when the reporter stayed anonymous.</summary>
    public string? ContactProtected { get; set; }
    public bool ConsentToContact { get; set; }

    public ReportStatus Status { get; set; }
    public Guid? IncidentId { get; set; }
    public Guid? AssignedToUserId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>Records a change made at <paramref name="at"/>: the version moves forward, so a client holding the old one is stale.</summary>
    public void Touch(DateTime at)
    {
        Version++;
        UpdatedAt = at;
    }
}

public enum MessageDirection { FromReporter, ToReporter }

/// <summary>A message between the reporter and the mission: the reporter's additions, and staff replies.</summary>
public sealed class ReportMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public MessageDirection Direction { get; set; }
    public required string Body { get; set; }
    public Guid? AuthorUserId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>
/// An entry of a report's history, in the record toolkit's one shape (<see cref="Platform.Records.HistoryEntry{TStatus}"/>):
/// a move of its status during triage (in review, linked, closed …) or an assignment (no move). A report's arrival is its
/// <c>ReceivedAt</c>, not an entry.
/// </summary>
public sealed class ReportStatusChange : Platform.Records.HistoryEntry<ReportStatus>
{
    public Guid ReportId { get; set; }
}
