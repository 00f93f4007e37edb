using Amani.Register.Incidents;

namespace Amani.Register.Incidents.Pages;

/// <summary>
/// The fields of the record and edit forms (times in the mission's zone); the form becomes the API's <see cref="IncidentInput"/>,
/// checked by the same annotations and <see cref="IncidentRules"/>. On edit, what the form does not show (actors, grants, the end of a
/// time range…) is kept as it is.
/// </summary>
public sealed class IncidentFields
{
    public int Version { get; set; }
    public IncidentSource? Source { get; set; }
    public string? CategoryCode { get; set; }
    public DateTime? OccurredAt { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? PlaceName { get; set; }
    public int? FatalitiesLow { get; set; }
    public int? FatalitiesBest { get; set; }
    public int? FatalitiesHigh { get; set; }
    public int? CivilianFatalities { get; set; }
    public int? Injured { get; set; }
    public string? Description { get; set; }
    /// <summary>Ask for the description to be published (unticked on edit: withdraw it from the public pages).</summary>
    public bool DescriptionPublic { get; set; }
    /// <summary>Whether the form offers <see cref="DescriptionPublic"/>: to mission staff only (set by the page, never bound).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool OffersPublication { get; set; }
    public Confidentiality? Confidentiality { get; set; }
    public Confidence? Confidence { get; set; }
}
