using System.Data.Common;
using System.Runtime.CompilerServices;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Exports;

/// <summary>
/// Reads the incidents of a query as <see cref="ExportRow"/>s in the order they were recorded, streaming: one database
/// reader (incidents left-joined to their actors, ordered by id so an incident's actor rows are adjacent), one row
/// yielded per incident; nothing but the mission's areas is held in memory.
/// <para>
/// Why id order: ids are UUID version 7 (time-ordered to the millisecond), so the index on (mission, id) walks the
/// incidents in the order their rows lie on disk. Newest-occurrence-first made a million-row export jump across the
/// whole table (SQLite: more than 3× the reading time; PostgreSQL: a 5 s sort before the first row). It also makes successive
/// exports of a filter line up: new incidents come at the end.
/// </para>
/// <para>
/// EF Core builds the query — the caller's access rules and filters, the join and the order — and its command with
/// every parameter (<c>CreateDbCommand</c>); the rows are then read straight from the <see cref="DbDataReader"/>
/// (<see cref="ExportReader"/>), which costs a fraction of EF's materialisation per row, on a thread of their own
/// while the caller writes the rows before them (<see cref="ReadAhead"/>).
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
    /// <summary>Rows in a batch handed from the reading thread to the writer (<see cref="ReadAhead"/>).</summary>
    private const int BatchSize = 1024;

    /// <summary>Batches that may wait for the writer: with <see cref="BatchSize"/>, a few thousand rows at most.</summary>
    private const int Batches = 4;

    public static async IAsyncEnumerable<ExportRow> ReadAsync(AmaniDbContext db, Guid missionId, IQueryable<Incident> incidents,
        ExportAudience audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var areas = await ExportAreas.LoadAsync(db, missionId, cancellationToken);
        await foreach (var row in ReadAhead.RunAsync(token => Read(db, incidents, areas, audience, token), BatchSize, Batches, cancellationToken))
            yield return row;
    }

    /// <summary>
    /// The rows, read synchronously — on <see cref="ReadAhead"/>'s own thread, never the thread pool's. Cancelling
    /// <paramref name="cancellationToken"/> cancels the command (a read waiting for the database returns at once).
    /// </summary>
    private static IEnumerable<ExportRow> Read(AmaniDbContext db, IQueryable<Incident> incidents, ExportAreas areas, ExportAudience audience,
        CancellationToken cancellationToken)
    {
        var flat =
            from i in incidents.AsNoTracking()
            from a in i.Actors.DefaultIfEmpty()
            orderby i.Id
            select new
            {
                i.Id, i.OccurredFrom, i.OccurredUntil, i.OccurredPrecision, i.ReportedAt, i.CategoryCode, i.Latitude, i.Longitude,
                i.LocationPrecision, i.PlaceName, i.AreaId, i.PrioGridCell, i.FatalitiesLow, i.FatalitiesBest, i.FatalitiesHigh,
                i.CivilianFatalities, i.Injured, i.Abducted, i.Displaced, i.DescriptionPublic, i.Description, i.Confidentiality, i.Confidence,
                i.Status, i.Source, ActorSide = a == null ? null : (int?)a.Side, ActorName = a == null ? null : a.Name,
            };
        db.Database.OpenConnection();
        try
        {
            using var command = flat.CreateDbCommand();
            command.CommandTimeout = 0; // an export takes as long as its rows do; it stops when the client goes (cancellationToken)
            using var cancel = cancellationToken.Register(command.Cancel);
            using var reader = command.ExecuteReader();
            var rows = new ExportReader(reader, db.Database.IsSqlite());
            var current = new ExportReader.IncidentFields();
            var actors = new ExportReader.Actors();
            var any = false;
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
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
            db.Database.CloseConnection();
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
