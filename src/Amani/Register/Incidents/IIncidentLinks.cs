namespace Amani.Register.Incidents;

/// <summary>
/// The community reports linked to an incident, which its full response lists (<see cref="IncidentResponse.LinkedReports"/>).
/// A report links to an incident, not the other way round: the module that keeps reports stands on this one, so it
/// registers this contract (<c>services.AddScoped&lt;IIncidentLinks, …&gt;()</c>) and incidents never name it.
/// </summary>
public interface IIncidentLinks
{
    /// <summary>The ids of the reports linked to the incident <paramref name="incidentId"/>.</summary>
    Task<IReadOnlyList<Guid>> ReportsAsync(Guid incidentId, CancellationToken cancellationToken);
}
