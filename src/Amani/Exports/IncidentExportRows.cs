using System.Runtime.CompilerServices;
using Amani.Data;
using Amani.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Exports;

/// <summary>
/// Reads the incidents of a query as <see cref="ExportRow"/>s, newest occurrence first, streaming: one database reader
/// (incidents left-joined to their actors, ordered by occurrence and id so an incident's actor rows are adjacent),
/// one row yielded per incident; nothing but the mission's areas is held in memory.
/// <para>
/// <see cref="ExportAudience.Public"/> shows exactly what the public incident list shows
/// (<see cref="PublicIncidentsApi"/>): the coordinates and name of the district (admin-2 area) instead of the exact
/// point and place, the description only when it was approved for the public, and nothing of status, source,
/// reporting time, fatality range or grid cell.
/// </para>
/// </summary>
public static class IncidentExportRows
{
    private sealed record Flat(Guid Id, DateTime OccurredFrom, DateTime OccurredUntil, DatePrecision OccurredPrecision, DateTime ReportedAt,
        string CategoryCode, double? Latitude, double? Longitude, LocationPrecision? LocationPrecision, string? PlaceName, Guid? AreaId,
        int? PrioGridCell, int? FatalitiesLow, int? FatalitiesBest, int? FatalitiesHigh, int? CivilianFatalities, int? Injured, int? Abducted,
        int? Displaced, string Description, bool DescriptionPublic, Confidentiality Confidentiality, Confidence Confidence, IncidentStatus Status,
        IncidentSource Source, int? ActorSide, string? ActorName);

    public static async IAsyncEnumerable<ExportRow> ReadAsync(AmaniDbContext db, Guid missionId, IQueryable<Incident> incidents,
        ExportAudience audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var areas = await ExportAreas.LoadAsync(db, missionId, cancellationToken);
        var flat =
            from i in incidents.AsNoTracking()
            from a in i.Actors.DefaultIfEmpty()
            orderby i.OccurredFrom descending, i.Id descending
            select new Flat(i.Id, i.OccurredFrom, i.OccurredUntil, i.OccurredPrecision, i.ReportedAt, i.CategoryCode, i.Latitude, i.Longitude,
                i.LocationPrecision, i.PlaceName, i.AreaId, i.PrioGridCell, i.FatalitiesLow, i.FatalitiesBest, i.FatalitiesHigh, i.CivilianFatalities,
                i.Injured, i.Abducted, i.Displaced, i.Description, i.DescriptionPublic, i.Confidentiality, i.Confidence, i.Status, i.Source,
                a == null ? null : (int?)a.Side, a == null ? null : a.Name);

        Flat? current = null;
        var actors = new List<(int Side, string Name)>();
        await foreach (var row in flat.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (current is not null && row.Id != current.Id)
            {
                yield return ToRow(current, actors, areas, audience);
                actors.Clear();
            }
            current = row;
            if (row.ActorSide is { } side && row.ActorName is { } name)
                actors.Add((side, name));
        }
        if (current is not null)
            yield return ToRow(current, actors, areas, audience);
    }

    private static ExportRow ToRow(Flat i, List<(int Side, string Name)> actors, ExportAreas areas, ExportAudience audience)
    {
        var (actor1, actor2) = (Side(actors, 1), Side(actors, 2));
        if (audience == ExportAudience.Public)
        {
            var district = areas.DistrictOf(i.AreaId);
            var province = district is null ? null : areas.AncestorAt(district.PCode, 1);
            return new ExportRow(i.Id, i.OccurredFrom, null, i.OccurredPrecision, null, i.CategoryCode, actor1, actor2, i.FatalitiesBest,
                i.CivilianFatalities, null, null, i.Injured, i.Abducted, i.Displaced, province?.Name, province?.PCode, district?.Name, district?.PCode,
                null, district?.Latitude, district?.Longitude, district?.Latitude is null ? null : LocationPrecision.Admin2, null, null, null,
                i.Confidence, Confidentiality.Public, i.DescriptionPublic ? i.Description : null);
        }
        var adm1 = areas.Ancestor(i.AreaId, 1);
        var adm2 = areas.Ancestor(i.AreaId, 2);
        return new ExportRow(i.Id, i.OccurredFrom, i.OccurredUntil, i.OccurredPrecision, i.ReportedAt, i.CategoryCode, actor1, actor2,
            i.FatalitiesBest, i.CivilianFatalities, i.FatalitiesLow, i.FatalitiesHigh, i.Injured, i.Abducted, i.Displaced, adm1?.Name, adm1?.PCode,
            adm2?.Name, adm2?.PCode, i.PlaceName, i.Latitude, i.Longitude, i.LocationPrecision, i.PrioGridCell, i.Status, i.Source, i.Confidence,
            i.Confidentiality, i.Description);
    }

    /// <summary>The actors of one side by name, in name order, joined with "; " (ACLED's convention for associated actors).</summary>
    private static string? Side(List<(int Side, string Name)> actors, int side)
    {
        var names = actors.Where(a => a.Side == side).Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : string.Join("; ", names);
    }
}
