using Amani.Analysis.Aggregates;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Hotspots;

/// <summary>
/// Getis–Ord Gi* hot spots of a mission's incidents, computed from the aggregates: over admin areas or PRIO-GRID cells
/// (value = the window's total per unit), or over space-time bins (value per unit and month; neighbourhood = the unit
/// and its spatial neighbours in the same, previous and next month). p-values are corrected for testing every unit
/// (Benjamini–Hochberg), and each unit is classified hot or cold at 90/95/99 %. Results are cached by the aggregates'
/// version and the areas' fingerprint, so they are recomputed exactly when the data or the boundaries changed.
/// Assumptions a reader should know: z-scores are read against the normal distribution (weak with few units — 14
/// governorates rarely reach significance); Gi* finds clusters, so a quiet unit among busy neighbours can be hot and a
/// busy unit among quiet ones may not be; binary weights favour units with many neighbours; values are raw counts, not
/// rates per population or area; the study region is every area of the level (cells: those meeting the country's
/// boundary, and any cell with data), zeros included.
/// </summary>
public sealed class HotspotAnalysis(AmaniDbContext db, AggregateReader reader, SpatialNeighbours neighbours, HotspotCache cache)
{
    public const string Statistic = "Getis-Ord Gi* (binary weights, the unit itself included; z-scores against the normal distribution)";
    public const string Correction = "Benjamini-Hochberg false discovery rate over all units (bins); classes by q < 0.10 / 0.05 / 0.01";

    public sealed record Request(AnalysisQuery Query, HotspotMeasure Measure, bool SpaceTime, IReadOnlyList<Confidentiality> Audience);

    /// <summary>A <see cref="HotspotMap"/> or, for a space-time request, an <see cref="EmergingHotspotMap"/>.</summary>
    public async Task<object> ComputeAsync(Mission mission, Request request, int? from, int? to, CancellationToken cancellationToken)
    {
        var version = await reader.VersionAsync(mission.Id, cancellationToken);
        var fingerprint = await SpatialNeighbours.FingerprintAsync(db, mission.Id, cancellationToken);
        var query = request.Query;
        var key = string.Join('|', "hotspots", mission.Id, version, fingerprint, query.Unit, from, to, string.Join(',', query.Violence), request.Measure,
            request.SpaceTime, string.Join(',', request.Audience));
        if (cache.TryGet(key, out var cached) && cached is not null)
            return cached;
        var result = query.AreaLevel is { } level
            ? Compute(mission, request, from, to, version, await neighbours.AreasAsync(db, mission.Id, level, fingerprint, cancellationToken),
                await Rows(from, to, (f, t) => request.SpaceTime
                    ? reader.AreasAsync(mission.Id, level, f, t, query.Violence, request.Audience, cancellationToken)
                    : reader.AreaTotalsAsync(mission.Id, level, f, t, query.Violence, request.Audience, cancellationToken)))
            : await ComputeCellsAsync(mission, request, from, to, version, fingerprint, cancellationToken);
        cache.Set(key, result, result switch { HotspotMap map => map.Method.Bins, EmergingHotspotMap emerging => emerging.Method.Bins, _ => 1 });
        return result;
    }

    private static async Task<IReadOnlyList<UnitMonth<TKey>>> Rows<TKey>(int? from, int? to, Func<int, int, Task<IReadOnlyList<UnitMonth<TKey>>>> read) =>
        from is { } f && to is { } t ? await read(f, t) : [];

    private async Task<object> ComputeCellsAsync(Mission mission, Request request, int? from, int? to, long version, string fingerprint,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var rows = await Rows(from, to, (f, t) => request.SpaceTime
            ? reader.CellsAsync(mission.Id, f, t, query.Violence, request.Audience, cancellationToken)
            : reader.CellTotalsAsync(mission.Id, f, t, query.Violence, request.Audience, cancellationToken));
        var outline = await neighbours.OutlineCellsAsync(db, mission.Id, fingerprint, cancellationToken);
        var units = SpatialNeighbours.Cells(outline.Concat(rows.Select(r => r.Unit)));
        return Compute(mission, request, from, to, version, units, rows);
    }

    private static object Compute<TKey>(Mission mission, Request request, int? from, int? to, long version,
        SpatialNeighbours.Units<TKey> units, IReadOnlyList<UnitMonth<TKey>> rows) where TKey : notnull
    {
        var position = units.Keys.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i);
        double Value(UnitMonth<TKey> row) => request.Measure == HotspotMeasure.Events ? row.Events : row.FatalitiesBest;
        var months = from is { } f && to is { } t ? t - f + 1 : 0;
        var header = (Mission: mission.Code, Unit: AnalysisQuery.UnitName(request.Query.Unit), From: from is { } a ? MonthIds.Format(a) : null,
            To: to is { } b ? MonthIds.Format(b) : null, Violence: request.Query.Violence.Select(ViolenceTypes.ApiName).ToList());
        if (!request.SpaceTime)
        {
            var values = new double[units.Count];
            foreach (var row in rows)
                values[position[row.Unit]] += Value(row);
            var neighbourhoods = Enumerable.Range(0, units.Count).Select(i => units.Neighbours[i].Append(i).ToArray()).ToList();
            var (z, p, q) = Test(values, neighbourhoods);
            var spots = Enumerable.Range(0, units.Count)
                .Select(i => new Hotspot(units.Refs[i], values[i], units.Neighbours[i].Length, Round(z[i]), Significant(p[i]), Significant(q[i]), SpotClasses.Of(z[i], q[i])))
                .OrderByDescending(s => s.Z).ThenBy(s => s.Unit.Code, StringComparer.Ordinal).ToList();
            var method = new HotspotMethod(Statistic, Neighbourhood(request, spatial: true), Correction, units.Count, units.Count, months);
            return new HotspotMap(header.Mission, header.Unit, header.From, header.To, header.Violence, request.Measure, false,
                version, method, spots);
        }

        var bins = new double[units.Count * months];
        foreach (var row in rows)
            bins[position[row.Unit] * months + row.MonthId - from!.Value] += Value(row);
        var spaceTime = SpaceTimeNeighbourhoods(units.Neighbours, months);
        var (zs, ps, qs) = Test(bins, spaceTime);
        var emerging = Enumerable.Range(0, units.Count).Select(u =>
            {
                var range = Enumerable.Range(u * months, months).ToList();
                var classes = range.Select(i => SpotClasses.Of(zs[i], qs[i])).ToList();
                var trend = MannKendall.Test(range.Select(i => zs[i]).ToList());
                return new EmergingHotspot(units.Refs[u], range.Sum(i => bins[i]), units.Neighbours[u].Length,
                    EmergingPatterns.Classify(classes, range.Select(i => zs[i]).ToList()), classes.Count(c => c.IsHot()), classes.Count(c => c.IsCold()),
                    Round(trend.Z), Significant(trend.P),
                    range.Select((i, m) => new HotspotMonth(MonthIds.Format(from!.Value + m), bins[i], Round(zs[i]), Significant(ps[i]), Significant(qs[i]), classes[m])).ToList());
            })
            .OrderByDescending(e => e.HotMonths).ThenByDescending(e => e.Total).ThenBy(e => e.Unit.Code, StringComparer.Ordinal).ToList();
        var spaceTimeMethod = new HotspotMethod(Statistic, Neighbourhood(request, spatial: false), Correction, units.Count, bins.Length, months);
        return new EmergingHotspotMap(header.Mission, header.Unit, header.From, header.To, header.Violence, request.Measure, true,
            version, spaceTimeMethod, emerging);
    }

    /// <summary>Each bin (unit u, month t) is neighbour to the bins of u and of u's neighbours in months t−1, t and t+1.</summary>
    public static List<int[]> SpaceTimeNeighbourhoods(IReadOnlyList<int[]> spatial, int months)
    {
        var result = new List<int[]>(spatial.Count * months);
        for (var u = 0; u < spatial.Count; u++)
            for (var t = 0; t < months; t++)
            {
                var neighbourhood = new List<int>();
                foreach (var v in spatial[u].Append(u))
                    for (var s = Math.Max(0, t - 1); s <= Math.Min(months - 1, t + 1); s++)
                        neighbourhood.Add(v * months + s);
                result.Add([.. neighbourhood]);
            }
        return result;
    }

    private static (double[] Z, double[] P, double[] Q) Test(IReadOnlyList<double> values, IReadOnlyList<int[]> neighbourhoods)
    {
        var z = GetisOrd.GiStar(values, neighbourhoods);
        var p = z.Select(NormalDistribution.TwoSidedP).ToArray();
        return (z, p, FalseDiscoveryRate.Adjust(p));
    }

    private static string Neighbourhood(Request request, bool spatial)
    {
        var space = request.Query.Unit == UnitKind.Cell
            ? "queen contiguity of 0.5° PRIO-GRID cells (the 8 around)"
            : $"admin areas whose boundaries touch or come within {SpatialNeighbours.Tolerance}° of each other";
        return spatial ? space : space + "; in the same, the previous and the next month";
    }

    private static double Round(double z) => Math.Round(z, 4);

    /// <summary>Six significant digits: enough for any decision, and tiny p-values stay visible.</summary>
    private static double Significant(double p) => p == 0 ? 0 : double.Parse(p.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
