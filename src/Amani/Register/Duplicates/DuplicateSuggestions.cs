using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Register.Reporting;

namespace Amani.Register.Duplicates;

/// <summary>
/// The candidates of <see cref="DuplicateFinder"/> as the modules below this one ask for them, through contracts they
/// own: the incident page (<see cref="ILikelyDuplicates"/>) and triage (<see cref="IReportDuplicates"/>). Only what the
/// current user may see is a candidate.
/// </summary>
public sealed class DuplicateSuggestions(AmaniDbContext db, AccessContext access, DuplicateFinder finder) : ILikelyDuplicates, IReportDuplicates
{
    public async Task<IReadOnlyList<LikelyDuplicate>> OfIncidentAsync(Mission mission, Incident incident, CancellationToken cancellationToken) =>
        (await finder.OfIncidentAsync(mission, incident, access, cancellationToken)).Items
        .Select(c => new LikelyDuplicate(c.Id, c.Score, c.Reasons, c.OccurredAt, c.Excerpt)).ToList();

    public async Task<Dictionary<Guid, int>> CountLikelyAsync(Mission mission, IReadOnlyList<TriageReport> reports, CancellationToken cancellationToken) =>
        await finder.CountLikelyAsync(mission.Id, await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken),
            reports.Select(r => (r.Id, DuplicateFinder.SubjectOf(r))).ToList(), cancellationToken);

    public async Task<IReadOnlyList<ReportDuplicate>> ForReportAsync(CommunityReport report, int top, CancellationToken cancellationToken)
    {
        var visible = await IncidentVisibility.VisibleAsync(db, access, report.MissionId, cancellationToken);
        return (await finder.ForReportAsync(report, visible, top, cancellationToken)).Select(c => new ReportDuplicate(c.Kind, c.Id, c.Score, c.Excerpt)).ToList();
    }
}
