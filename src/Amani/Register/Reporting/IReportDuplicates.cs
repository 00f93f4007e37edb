using Amani.Foundation.Missions;

namespace Amani.Register.Reporting;

/// <summary>
/// Likely duplicates of community reports, for triage: how many each unlinked report of a queue page has
/// (<see cref="TriageReport.PossibleDuplicates"/>) and the best ones for the report the triage page shows. Scoring them
/// is the work of the module that finds duplicates, which stands on reports and incidents: it registers this contract
/// (<c>services.AddScoped&lt;IReportDuplicates, …&gt;()</c>).
/// </summary>
public interface IReportDuplicates
{
    /// <summary>
    /// For each of <paramref name="reports"/> (of <paramref name="mission"/>), how many incidents the current user may
    /// see and other reports of the mission are likely the same event.
    /// </summary>
    Task<Dictionary<Guid, int>> CountLikelyAsync(Mission mission, IReadOnlyList<TriageReport> reports, CancellationToken cancellationToken);

    /// <summary>The best <paramref name="top"/> candidates for <paramref name="report"/>: incidents the current user may see (not its own) and the mission's other reports.</summary>
    Task<IReadOnlyList<ReportDuplicate>> ForReportAsync(CommunityReport report, int top, CancellationToken cancellationToken);
}

/// <summary>One candidate: an <c>incident</c> or a <c>report</c> (<see cref="Kind"/>), its score (0–1) and the start of its description.</summary>
public sealed record ReportDuplicate(string Kind, Guid Id, double Score, string Excerpt);
