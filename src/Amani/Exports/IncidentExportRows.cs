using System.Data.Common;
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
/// EF Core builds the query — the caller's access rules and filters, the join and the order — and its command with
/// every parameter (<c>CreateDbCommand</c>); the rows are then read straight from the <see cref="DbDataReader"/>
/// (<see cref="ExportReader"/>), which costs a fraction of EF's materialisation per row.
/// </para>
/// <para>
/// <see cref="ExportAudience.Public"/> shows exactly what the public incident list shows
/// (<see cref="PublicIncidentsApi"/>): the coordinates and name of the district (admin-2 area) instead of the exact
/// point and place, the description only when it was approved for the public, and nothing of status, source,
/// reporting time, fatality range or grid cell.
/// </para>
/// </summary>
public static class IncidentExportRows
{
    public static async IAsyncEnumerable<ExportRow> ReadAsync(AmaniDbContext db, Guid missionId, IQueryable<Incident> incidents,
        ExportAudience audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var areas = await ExportAreas.LoadAsync(db, missionId, cancellationToken);
        var flat =
            from i in incidents.AsNoTracking()
            from a in i.Actors.DefaultIfEmpty()
            orderby i.OccurredFrom descending, i.Id descending
            select new
            {
                i.Id, i.OccurredFrom, i.OccurredUntil, i.OccurredPrecision, i.ReportedAt, i.CategoryCode, i.Latitude, i.Longitude,
                i.LocationPrecision, i.PlaceName, i.AreaId, i.PrioGridCell, i.FatalitiesLow, i.FatalitiesBest, i.FatalitiesHigh,
                i.CivilianFatalities, i.Injured, i.Abducted, i.Displaced, i.DescriptionPublic, i.Description, i.Confidentiality, i.Confidence,
                i.Status, i.Source, ActorSide = a == null ? null : (int?)a.Side, ActorName = a == null ? null : a.Name,
            };

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = flat.CreateDbCommand();
            command.CommandTimeout = 0; // an export takes as long as its rows do; it stops when the client goes (cancellationToken)
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new ExportReader(reader, db.Database.IsSqlite());
            var current = new ExportReader.IncidentFields();
            var actors = new ExportReader.Actors();
            var any = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = rows.Id();
                if (!any || id != current.Id)
                {
                    if (any)
                    {
                        yield return ToRow(current, actors, areas, audience);
                        actors.Clear();
                    }
                    rows.Read(id, current, audience);
                    any = true;
                }
                rows.ReadActor(actors);
            }
            if (any)
                yield return ToRow(current, actors, areas, audience);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static ExportRow ToRow(ExportReader.IncidentFields i, ExportReader.Actors actors, ExportAreas areas, ExportAudience audience)
    {
        var (actor1, actor2) = (actors.Side(1), actors.Side(2));
        var area = areas.Of(i.AreaId);
        if (audience == ExportAudience.Public)
        {
            var (district, province) = (area?.District, area?.DistrictProvince);
            return new ExportRow(i.Id, i.OccurredFrom, null, i.OccurredPrecision, null, i.CategoryCode, actor1, actor2, i.FatalitiesBest,
                i.CivilianFatalities, null, null, i.Injured, i.Abducted, i.Displaced, province?.Name, province?.PCode, district?.Name, district?.PCode,
                null, district?.Latitude, district?.Longitude, district?.Latitude is null ? null : LocationPrecision.Admin2, null, null, null,
                i.Confidence, Confidentiality.Public, i.DescriptionPublic ? i.Description : null);
        }
        var (adm1, adm2) = (area?.Adm1, area?.Adm2);
        return new ExportRow(i.Id, i.OccurredFrom, i.OccurredUntil, i.OccurredPrecision, i.ReportedAt, i.CategoryCode, actor1, actor2,
            i.FatalitiesBest, i.CivilianFatalities, i.FatalitiesLow, i.FatalitiesHigh, i.Injured, i.Abducted, i.Displaced, adm1?.Name, adm1?.PCode,
            adm2?.Name, adm2?.PCode, i.PlaceName, i.Latitude, i.Longitude, i.LocationPrecision, i.PrioGridCell, i.Status, i.Source, i.Confidence,
            i.Confidentiality, i.Description);
    }
}
