using Amani.Foundation.Missions;

namespace Amani.Register.Incidents.Pages;

/// <summary>
/// A section of the incident page (<see cref="DetailModel"/>) that another module fills, because what it shows is that
/// module's — the community reports linked to the incident. That module stands on incidents, so it registers the
/// section (<c>services.AddScoped&lt;IIncidentDetailSection, …&gt;()</c>) and renders it with its own partial view and
/// texts; the page shows every registered section after the timeline, in the order of registration.
/// </summary>
public interface IIncidentDetailSection
{
    /// <summary>The section for <paramref name="incident"/>, as the current user may see it.</summary>
    Task<IncidentSection> LoadAsync(Mission mission, Incident incident, CancellationToken cancellationToken);
}

/// <summary>A loaded section: the partial view that renders it (its path from the project's root) and that view's model.</summary>
public sealed record IncidentSection(string View, object Model);
