using Amani.Platform.Audit;
namespace Amani.Register.Incidents;

/// <summary>
/// An event recorded by the mission: who, what, where, when, how many were hurt, how sure we are, who may see it, and
/// where it stands. <see cref="Version"/> increases with every change; it is the ETag clients send back in If-Match.
/// </summary>
public sealed class Incident
{
    /// <summary>What audit rows about these records name (<c>incident</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("incident");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public IncidentSource Source { get; set; }
    public required string CategoryCode { get; set; }

    public DateTime OccurredFrom { get; set; }
    public DateTime OccurredUntil { get; set; }
    public DatePrecision OccurredPrecision { get; set; }
    public DateTime ReportedAt { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public LocationPrecision? LocationPrecision { get; set; }
    public string? PlaceName { get; set; }
    public Guid? AreaId { get; set; }
    public int? PrioGridCell { get; set; }

    public int? FatalitiesLow { get; set; }
    public int? FatalitiesBest { get; set; }
    public int? FatalitiesHigh { get; set; }
    public int? CivilianFatalities { get; set; }
    public int? Injured { get; set; }
    public int? Abducted { get; set; }
    public int? Displaced { get; set; }

    public required string Description { get; set; }
    /// <summary>Whether the description may be shown to the public (else public views show no free text).</summary>
    public bool DescriptionPublic { get; set; }
    /// <summary>
    /// Who asked for the description to be published, and when: a second person holding <c>incidents:publish</c> approves
    /// it (<see cref="IncidentRules.PublishAsync"/>); until then the public sees no free text. Changing a published
    /// description asks again.
    /// </summary>
    public Guid? PublicationRequestedByUserId { get; set; }
    public DateTime? PublicationRequestedAt { get; set; }
    /// <summary>Who approved the publication, and when.</summary>
    public Guid? PublishedByUserId { get; set; }
    public DateTime? PublishedAt { get; set; }

    public Confidentiality Confidentiality { get; set; }
    public Confidence Confidence { get; set; }
    public IncidentStatus Status { get; set; }
    public Guid? AssignedToUserId { get; set; }
    public Guid? DuplicateOfId { get; set; }

    public Guid RecordedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>The dataset an imported incident came from ("ucdp-ged", "acled"); null for incidents recorded in Amani.</summary>
    public string? ExternalSource { get; set; }
    /// <summary>The incident's id in <see cref="ExternalSource"/>; unique per mission and source, so re-imports update.</summary>
    public string? ExternalId { get; set; }
    /// <summary>Hash of the imported content, so that a re-import recognises unchanged rows without comparing fields.</summary>
    public string? ExternalHash { get; set; }

    public List<IncidentActor> Actors { get; set; } = [];
    /// <summary>Who may see a <see cref="Confidentiality.Restricted"/> incident besides whoever recorded it.</summary>
    public List<IncidentGrant> Grants { get; set; } = [];
}

public sealed class IncidentActor
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    /// <summary>1 or 2, as ACLED's actor1/actor2; associated actors repeat the side.</summary>
    public int Side { get; set; }
    public required string Name { get; set; }
    public ActorType? Type { get; set; }
}

/// <summary>One grant of access to a restricted incident: an organisation, or a role (within the mission).</summary>
public sealed class IncidentGrant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Platform.Access.Role? Role { get; set; }
}

/// <summary>One step in an incident's life: from, to, who, why, when.</summary>
/// <summary>A move of an incident's status (the record toolkit's <see cref="Platform.Records.HistoryEntry{TStatus}"/>; the text is the move's reason).</summary>
public sealed class IncidentStatusChange : Platform.Records.HistoryEntry<IncidentStatus>
{
    public Guid IncidentId { get; set; }
}
