using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// What the computed indicators may count of the incidents: their number, their deaths (best estimate) and their civilian
/// deaths, by month (of <c>OccurredFrom</c>, UTC), area (the incident's own, the finest it has) and category. They count
/// exactly the incidents the aggregates count (<see cref="AggregateSql"/>: not rejected, not duplicates nor merged, not
/// closed straight after being rejected, never restricted); a public indicator (<see cref="MeasureRequest.PublicOnly"/>)
/// counts only public incidents, any other public and mission-confidential ones. The three measures come from one grouped
/// read of the mission's incidents (the cube month × area × category × public), kept by this scoped instance for the
/// measures of the same computation. Changes are announced by <see cref="AggregateRefresher"/>.
/// </summary>
public sealed class IncidentMeasures : IMeasureSource
{
    public const string Name = "incidents";

    private static readonly MeasureText Counted = new(
        "Incidents neither rejected nor duplicates; restricted incidents are never counted",
        "Incidents ni rejetés ni doublons ; les incidents restreints ne sont jamais comptés");

    public static readonly Measure Count = new("incidents.count", Name,
        new("Incidents", "Incidents"),
        new($"Number of incidents that began in the period. {Counted.English}; a public indicator counts public incidents only.",
            $"Nombre d'incidents survenus dans la période. {Counted.French} ; un indicateur public ne compte que les incidents publics."),
        MeasureAggregation.Sum, "incidents", "category", []);

    public static readonly Measure Fatalities = new("incidents.fatalities", Name,
        new("Fatalities", "Victimes"),
        new($"Sum of the best estimates of deaths in the incidents that began in the period. {Counted.English}; a public indicator counts public incidents only.",
            $"Somme des meilleures estimations des morts des incidents survenus dans la période. {Counted.French} ; un indicateur public ne compte que les incidents publics."),
        MeasureAggregation.Sum, "deaths", "category", []);

    public static readonly Measure CivilianFatalities = new("incidents.civilian-fatalities", Name,
        new("Civilian fatalities", "Victimes civiles"),
        new($"Sum of the civilian deaths recorded for the incidents that began in the period. {Counted.English}; a public indicator counts public incidents only.",
            $"Somme des morts civils enregistrés pour les incidents survenus dans la période. {Counted.French} ; un indicateur public ne compte que les incidents publics."),
        MeasureAggregation.Sum, "deaths", "category", []);

    private readonly Dictionary<(Guid Mission, DateOnly From, DateOnly Until), IReadOnlyList<CubeRow>> _cubes = [];

    public string Source => Name;

    public IReadOnlyList<Measure> Measures { get; } = [Count, Fatalities, CivilianFatalities];

    /// <summary>How many times this instance read the incidents (one per mission and range, whatever the measures asked).</summary>
    public int Reads { get; private set; }

    public async Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure measure, MeasureRequest request, CancellationToken cancellationToken)
    {
        Func<CubeRow, long> value = measure.Key switch
        {
            "incidents.count" => r => r.Incidents,
            "incidents.fatalities" => r => r.Fatalities,
            "incidents.civilian-fatalities" => r => r.CivilianFatalities,
            _ => throw new ArgumentException($"The incidents do not compute '{measure.Key}'.", nameof(measure)),
        };
        var cube = await CubeAsync(db, request.MissionId, request.From, request.Until, cancellationToken);
        return cube.Where(r => !request.PublicOnly || r.IsPublic == 1)
            .GroupBy(r => (r.MonthId, r.AreaId, r.Category))
            .Select(g => new MeasureFact(DateOnly.FromDateTime(MonthIds.Start(g.Key.MonthId)), g.Key.AreaId, g.Key.Category, g.Sum(value), 1))
            .OrderBy(f => f.Month).ThenBy(f => f.AreaId).ThenBy(f => f.Group, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<IReadOnlyList<CubeRow>> CubeAsync(AmaniDbContext db, Guid missionId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        if (_cubes.TryGetValue((missionId, from, until), out var known))
            return known;
        var postgres = db.Database.IsNpgsql();
        object[] parameters = [missionId, from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), until.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)];
        var query = db.Database.SqlQueryRaw<CubeRow>(AggregateSql.MeasureCube(postgres), parameters);
        List<CubeRow> rows;
        if (postgres && db.Database.CurrentTransaction is null)
        {
            // As for the refresh: the planner overestimates the per-row subqueries and JIT-compiles for a second.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);
            rows = await query.ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
            rows = await query.ToListAsync(cancellationToken);
        Reads++;
        _cubes[(missionId, from, until)] = rows;
        return rows;
    }

    /// <summary>One cell of the cube, as <see cref="AggregateSql.MeasureCube"/> names its columns.</summary>
    internal sealed class CubeRow
    {
        public int MonthId { get; set; }
        public Guid? AreaId { get; set; }
        public string Category { get; set; } = "";
        public int IsPublic { get; set; }
        public long Incidents { get; set; }
        public long Fatalities { get; set; }
        public long CivilianFatalities { get; set; }
    }
}
