using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.FollowUps;

/// <summary>
/// What the computed indicators may count of the follow-ups, of every module: the share done on time, by the month (UTC)
/// of the due date, the follow-up's area (null for the whole mission) and its module (<see cref="FollowUp.Module"/>:
/// <c>alerts</c>, <c>general</c>…). Dropped follow-ups count in neither part (nothing is owed any more). Follow-ups are
/// never public records, but this is a count without any text, so a public indicator counts them too. One row per
/// follow-up due in the range. Changes are announced by <see cref="FollowUpBook"/> after each change it saves and by the
/// modules that keep follow-ups with their records; a due date passing is caught by the scheduled recomputation.
/// </summary>
public sealed class FollowUpMeasures(TimeProvider clock) : IMeasureSource
{
    public const string Name = "follow-ups";

    public static readonly Measure DoneOnTime = new("follow-ups.done-on-time", Name,
        new("Follow-ups done on time", "Suivis réalisés à temps"),
        new("Follow-ups due in the period that were done on or before their due date, divided by the follow-ups due in the period that are done or whose due date has passed. Dropped follow-ups are left out.",
            "Suivis dus dans la période réalisés au plus tard à leur échéance, divisés par les suivis dus dans la période qui sont réalisés ou dont l'échéance est passée. Les suivis abandonnés sont exclus."),
        MeasureAggregation.Share, "share", "module", []);

    public string Source => Name;

    public IReadOnlyList<Measure> Measures { get; } = [DoneOnTime];

    public async Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure measure, MeasureRequest request, CancellationToken cancellationToken)
    {
        if (measure.Key != DoneOnTime.Key)
            throw new ArgumentException($"The follow-ups do not compute '{measure.Key}'.", nameof(measure));
        var from = request.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = request.Until.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<FollowUp>().AsNoTracking()
            .Where(f => f.MissionId == request.MissionId && f.DueAt >= from && f.DueAt < until && f.Status != FollowUpStatus.Dropped
                        && (f.Status == FollowUpStatus.Done || f.DueAt < now))
            .Select(f => new { f.DueAt, f.AreaId, f.Module, f.Status, f.ClosedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(f => (Month: new DateOnly(f.DueAt.Year, f.DueAt.Month, 1), f.AreaId, f.Module))
            .Select(g => new MeasureFact(g.Key.Month, g.Key.AreaId, g.Key.Module,
                g.Count(f => f.Status == FollowUpStatus.Done && f.ClosedAt is { } closed && closed <= f.DueAt), g.Count()))
            .ToList();
    }
}
