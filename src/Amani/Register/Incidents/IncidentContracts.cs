using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;

namespace Amani.Register.Incidents;

public sealed record ActorInput(
    [property: Required, StringLength(IncidentLimits.ActorName, MinimumLength = 1)] string Name,
    [property: Range(1, 2)] int Side,
    ActorType? Type);

/// <summary>The fields of an incident a person records or edits (shape checks here; rules in <see cref="IncidentRules"/>).</summary>
public sealed record IncidentInput(
    [property: Required] IncidentSource? Source,
    [property: Required, StringLength(80)] string CategoryCode,
    [property: Required] DateTimeOffset? OccurredAt,
    DateTimeOffset? OccurredUntil,
    DatePrecision? OccurredPrecision,
    [property: Range(-90.0, 90.0)] double? Latitude,
    [property: Range(-180.0, 180.0)] double? Longitude,
    LocationPrecision? LocationPrecision,
    [property: StringLength(IncidentLimits.PlaceName)] string? PlaceName,
    [property: StringLength(64)] string? AreaPCode,
    [property: MaxLength(IncidentLimits.Actors)] ActorInput[]? Actors,
    [property: Range(0, 10_000_000)] int? FatalitiesLow,
    [property: Range(0, 10_000_000)] int? FatalitiesBest,
    [property: Range(0, 10_000_000)] int? FatalitiesHigh,
    [property: Range(0, 10_000_000)] int? CivilianFatalities,
    [property: Range(0, 10_000_000)] int? Injured,
    [property: Range(0, 10_000_000)] int? Abducted,
    [property: Range(0, 100_000_000)] int? Displaced,
    [property: Required, StringLength(IncidentLimits.Description, MinimumLength = 1)] string Description,
    bool? DescriptionPublic,
    Confidentiality? Confidentiality,
    Confidence? Confidence,
    [property: MaxLength(50)] Guid[]? RestrictedToOrganizations,
    [property: MaxLength(10)] Role[]? RestrictedToRoles);

public sealed record TransitionRequest(
    [property: Required] IncidentStatus? To,
    [property: Required, StringLength(IncidentLimits.Reason, MinimumLength = 3)] string Reason,
    Guid? DuplicateOf);

public sealed record AssignmentRequest(Guid? UserId);

public sealed record ActorResponse(string Name, int Side, ActorType? Type);

public sealed record StatusChangeResponse(IncidentStatus? From, IncidentStatus To, string Actor, string Reason, DateTime At);

public sealed record IncidentResponse(
    Guid Id, string MissionCode, IncidentSource Source, string CategoryCode, string CategoryName,
    DateTime OccurredAt, DateTime OccurredUntil, DatePrecision OccurredPrecision, string OccurredLocal, DateTime ReportedAt,
    double? Latitude, double? Longitude, LocationPrecision? LocationPrecision, string? PlaceName, string? AreaPCode, string? AreaName, int? PrioGridCell,
    int? FatalitiesLow, int? FatalitiesBest, int? FatalitiesHigh, int? CivilianFatalities, int? Injured, int? Abducted, int? Displaced,
    string Description, bool DescriptionPublic, Confidentiality Confidentiality, Confidence Confidence, IncidentStatus Status,
    IReadOnlyList<IncidentStatus> NextStatuses, Guid? AssignedToUserId, Guid? DuplicateOfId, int Version,
    IReadOnlyList<ActorResponse> Actors, IReadOnlyList<Guid> RestrictedToOrganizations, IReadOnlyList<Role> RestrictedToRoles,
    IReadOnlyList<StatusChangeResponse> Timeline, IReadOnlyList<Guid> LinkedReports, PublicationResponse Publication);

/// <summary>
/// Where the description's publication stands: <c>none</c>, <c>requested</c> (by whom, when: a second person with
/// <c>incidents:publish</c> approves with <c>POST /api/v1/incidents/{id}/publication</c>), or <c>published</c>.
/// </summary>
public sealed record PublicationResponse(string State, Guid? RequestedBy, DateTime? RequestedAt, Guid? PublishedBy, DateTime? PublishedAt);
