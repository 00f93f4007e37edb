using Amani.Foundation.Missions;

namespace Amani.Register.Incidents;

/// <summary>
/// The incidents likely to be the same event as one incident, best first: the incident page lists them and offers them
/// as the one that stays when the incident is marked <see cref="IncidentStatus.Duplicate"/>. Scoring them is the work
/// of the module that finds duplicates, which stands on incidents: it registers this contract
/// (<c>services.AddScoped&lt;ILikelyDuplicates, …&gt;()</c>).
/// </summary>
public interface ILikelyDuplicates
{
    /// <summary>The candidates among the incidents of <paramref name="mission"/> that the current user may see (never the incident itself).</summary>
    Task<IReadOnlyList<LikelyDuplicate>> OfIncidentAsync(Mission mission, Incident incident, CancellationToken cancellationToken);
}

/// <summary>One candidate: the incident, its score (0–1) and the reasons for it, when it occurred and the start of its description.</summary>
public sealed record LikelyDuplicate(Guid Id, double Score, IReadOnlyList<string> Reasons, DateTime OccurredAt, string Excerpt);
