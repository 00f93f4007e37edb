using System.Collections.Concurrent;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// The dashboard map's per-mission, in-memory copy of the placed incidents (about 70 bytes each), so that a pan or zoom
/// clusters a million incidents in milliseconds instead of grouping them in SQL on every request. The first request
/// for a mission loads it; every request then reads the rows whose <c>updated_at</c> is newer than the copy (an
/// indexed range, usually empty) and applies them, so a change made through any server node shows at the next request
/// on every node. Rows are re-read from <see cref="Overlap"/> before the previous read began (by this node's clock): a
/// row committed after that read was written at most a transaction's length before it, so this covers transactions
/// that commit after a later one and clocks of nodes that disagree by less than that. (Counting back from the newest
/// <c>updated_at</c> seen instead would re-read, on every request, all the rows a bulk import wrote in its last
/// minutes, until the next change: half a million rows after a million-row import.) Incidents are never deleted
/// (merging marks duplicates); an incident whose position is removed leaves the copy.
/// </summary>
public sealed class MapPointIndex(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public MapSnapshot Snapshot = MapSnapshot.Empty;
        public bool Loaded;
        /// <summary>When (this node's clock) the last load or catch-up began.</summary>
        public DateTime ReadAt;
        /// <summary>How many rows the last catch-up read (changed or not).</summary>
        public int CaughtUpRows;
    }

    private readonly ConcurrentDictionary<Guid, Entry> _missions = new();

    private sealed record Row(Guid Id, double? Latitude, double? Longitude, DateTime OccurredFrom, DateTime OccurredUntil, int Version,
        string CategoryCode, IncidentStatus Status, IncidentSource Source, Confidence Confidence, Confidentiality Confidentiality, Guid? AreaId,
        Guid RecordedByUserId);

    /// <summary>How many points the copy of the mission holds, without reading the database; null when it was never loaded.</summary>
    internal int? LoadedPoints(Guid missionId) =>
        _missions.TryGetValue(missionId, out var entry) && entry.Loaded ? entry.Snapshot.Points.Length : null;

    /// <summary>How many rows the mission's last catch-up read from the database (null before the first one).</summary>
    internal int? CaughtUpRows(Guid missionId) => _missions.TryGetValue(missionId, out var entry) && entry.Loaded ? entry.CaughtUpRows : null;

    /// <summary>The mission's points as of now (loading or catching up first).</summary>
    internal async Task<MapSnapshot> CurrentAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var entry = _missions.GetOrAdd(missionId, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
            var readAt = clock.GetUtcNow().UtcDateTime;
            if (entry.Loaded)
                (entry.Snapshot, entry.CaughtUpRows) = await CatchUpAsync(db, missionId, entry.Snapshot, entry.ReadAt - Overlap, cancellationToken);
            else
                entry.Snapshot = await LoadAsync(db, missionId, cancellationToken);
            entry.ReadAt = readAt;
            entry.Loaded = true;
            return entry.Snapshot;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private static IQueryable<Row> Rows(IQueryable<Incident> incidents, Guid missionId, System.Linq.Expressions.Expression<Func<Incident, bool>> which) =>
        incidents.AsNoTracking().Where(i => i.MissionId == missionId).Where(which)
            .Select(i => new Row(i.Id, i.Latitude, i.Longitude, i.OccurredFrom, i.OccurredUntil, i.Version, i.CategoryCode, i.Status, i.Source,
                i.Confidence, i.Confidentiality, i.AreaId, i.RecordedByUserId));

    private static async Task<MapSnapshot> LoadAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        var builder = new Builder(MapSnapshot.Empty);
        var incidents = await WholeMissionSourceAsync(db, missionId, cancellationToken);
        await foreach (var row in Rows(incidents, missionId, i => i.Latitude != null && i.Longitude != null).AsAsyncEnumerable().WithCancellation(cancellationToken))
            builder.Apply(row);
        await builder.LoadGrantsAsync(db, missionId, null, cancellationToken);
        return builder.Build();
    }

    /// <summary>
    /// Where the load reads a mission's incidents. On SQLite, when the mission holds more than a quarter of all incidents,
    /// a scan of the table in its own order (<c>NOT INDEXED</c>): reading through an index on the mission fetches each row
    /// from wherever it lies in the file, and on a 2.4 GB file with a million incidents that took 9.6 s against 3.8 s for
    /// the scan (the <c>sqlite3</c> shell, same query). A small mission in a big table keeps the index.
    /// PostgreSQL reads the heap in order by itself (sequential or bitmap scan).
    /// </summary>
    private static async Task<IQueryable<Incident>> WholeMissionSourceAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
            return db.Incidents;
        var mission = await db.Incidents.CountAsync(i => i.MissionId == missionId, cancellationToken);
        var all = await db.Incidents.CountAsync(cancellationToken);
        return mission * 4L > all ? db.Incidents.FromSqlRaw("SELECT * FROM incidents NOT INDEXED") : db.Incidents;
    }

    private static async Task<(MapSnapshot, int Rows)> CatchUpAsync(AmaniDbContext db, Guid missionId, MapSnapshot current, DateTime since,
        CancellationToken cancellationToken)
    {
        var rows = await Rows(db.Incidents, missionId, i => i.UpdatedAt > since).ToListAsync(cancellationToken);
        var changed = rows.Where(r => current.Slots.TryGetValue(r.Id, out var slot)
            ? current.Points[slot].Version != r.Version || r.Latitude is null || r.Longitude is null
            : r.Latitude is not null && r.Longitude is not null).ToList();
        if (changed.Count == 0)
            return (current, rows.Count);
        var builder = new Builder(current);
        foreach (var row in changed)
            builder.Apply(row);
        await builder.LoadGrantsAsync(db, missionId, changed.Where(r => r.Confidentiality == Confidentiality.Restricted).Select(r => r.Id).ToList(),
            cancellationToken);
        return (builder.Build(), rows.Count);
    }

    /// <summary>Builds the next snapshot from the current one: a copy of its points with the changed rows applied.</summary>
    private sealed class Builder
    {
        private readonly List<MapPoint> _points;
        private readonly Dictionary<Guid, int> _slots;
        private readonly List<string> _categories;
        private readonly Dictionary<string, short> _categorySlots;
        private readonly List<Guid?> _areas;
        private readonly Dictionary<Guid, int> _areaSlots;
        private readonly List<Guid> _recorders;
        private readonly Dictionary<Guid, int> _recorderSlots;
        private readonly Dictionary<Guid, IReadOnlyList<IncidentGrant>> _grants;
        private readonly HashSet<Guid> _removed = [];

        public Builder(MapSnapshot from)
        {
            _points = [.. from.Points];
            _slots = new Dictionary<Guid, int>(from.Slots);
            _categories = [.. from.Categories];
            _categorySlots = _categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (short)x.i);
            _areas = [.. from.Areas];
            if (_areas.Count == 0)
                _areas.Add(null);
            _areaSlots = _areas.Select((a, i) => (a, i)).Where(x => x.a is not null).ToDictionary(x => x.a!.Value, x => x.i);
            _recorders = [.. from.Recorders];
            _recorderSlots = _recorders.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
            _grants = new Dictionary<Guid, IReadOnlyList<IncidentGrant>>(from.Grants);
        }

        public void Apply(Row row)
        {
            if (row.Latitude is not { } lat || row.Longitude is not { } lon)
            {
                _removed.Add(row.Id);
                return;
            }
            _removed.Remove(row.Id);
            if (row.Confidentiality != Confidentiality.Restricted)
                _grants.Remove(row.Id);
            var point = new MapPoint(row.Id, WebMercator.X(lon), WebMercator.Y(lat), row.OccurredFrom.Ticks, row.OccurredUntil.Ticks, row.Version,
                Slot(_categorySlots, _categories, row.CategoryCode), row.Status, row.Source, row.Confidence, row.Confidentiality,
                row.AreaId is { } area ? Slot(_areaSlots, _areas, area) : 0, Slot(_recorderSlots, _recorders, row.RecordedByUserId));
            if (_slots.TryGetValue(row.Id, out var slot))
                _points[slot] = point;
            else
            {
                _slots[row.Id] = _points.Count;
                _points.Add(point);
            }
        }

        /// <summary>The grants of the restricted incidents given (null: of all the mission's restricted incidents).</summary>
        public async Task LoadGrantsAsync(AmaniDbContext db, Guid missionId, IReadOnlyList<Guid>? incidents, CancellationToken cancellationToken)
        {
            if (incidents is { Count: 0 })
                return;
            var query = db.Set<IncidentGrant>().AsNoTracking();
            query = incidents is null
                ? query.Where(g => db.Set<Incident>().Any(i => i.Id == g.IncidentId && i.MissionId == missionId && i.Confidentiality == Confidentiality.Restricted))
                : query.Where(g => incidents.Contains(g.IncidentId));
            var grants = await query.ToListAsync(cancellationToken);
            foreach (var id in incidents ?? [])
                _grants.Remove(id);
            foreach (var group in grants.GroupBy(g => g.IncidentId))
                _grants[group.Key] = group.ToList();
        }

        public MapSnapshot Build()
        {
            if (_removed.Count > 0)
            {
                var kept = _points.Where(p => !_removed.Contains(p.Id)).ToList();
                _points.Clear();
                _points.AddRange(kept);
                _slots.Clear();
                for (var i = 0; i < _points.Count; i++)
                    _slots[_points[i].Id] = i;
                foreach (var id in _removed)
                    _grants.Remove(id);
            }
            var points = _points.ToArray();
            var xs = new double[points.Length];
            var ys = new double[points.Length];
            for (var i = 0; i < points.Length; i++)
                (xs[i], ys[i]) = (points[i].X, points[i].Y);
            return new MapSnapshot
            {
                Points = points, Xs = xs, Ys = ys, Slots = _slots, Categories = _categories, Areas = _areas, Recorders = _recorders, Grants = _grants,
            };
        }

        private static short Slot(Dictionary<string, short> slots, List<string> table, string value)
        {
            if (slots.TryGetValue(value, out var slot))
                return slot;
            slots[value] = (short)table.Count;
            table.Add(value);
            return (short)(table.Count - 1);
        }

        private static int Slot<T>(Dictionary<T, int> slots, List<T> table, T value) where T : notnull
        {
            if (slots.TryGetValue(value, out var slot))
                return slot;
            slots[value] = table.Count;
            table.Add(value);
            return table.Count - 1;
        }

        private static int Slot(Dictionary<Guid, int> slots, List<Guid?> table, Guid value)
        {
            if (slots.TryGetValue(value, out var slot))
                return slot;
            slots[value] = table.Count;
            table.Add(value);
            return table.Count - 1;
        }
    }
}
