using System.Data.Common;
using Amani.Platform.Data;
using Amani.Register.Incidents;

namespace Amani.Register.Exports;

/// <summary>
/// Reads the rows of <see cref="IncidentExportRows"/>' query from a <see cref="DbDataReader"/> by position — checked
/// once against the column names EF Core generated (the projection's member names), so a change to the query cannot
/// shift a value into the wrong field — converting the stored values as EF Core's model does: enums from their names,
/// times as UTC (SQLite keeps them as text: <see cref="SqliteTime"/>). Columns the audience does not see are not read.
/// </summary>
internal sealed class ExportReader
{
    /// <summary>The query's columns in order, named after the members of its projection.</summary>
    private enum Column
    {
        Id, OccurredFrom, OccurredUntil, OccurredPrecision, ReportedAt, CategoryCode, Latitude, Longitude, LocationPrecision, PlaceName, AreaId,
        PrioGridCell, FatalitiesLow, FatalitiesBest, FatalitiesHigh, CivilianFatalities, Injured, Abducted, Displaced, DescriptionPublic,
        Description, Confidentiality, Confidence, Status, Source, ActorSide, ActorName,
    }

    private readonly DbDataReader _reader;
    private readonly bool _timesAsText;

    /// <param name="reader">The open reader of the export query.</param>
    /// <param name="timesAsText">Whether the database keeps times as text (SQLite).</param>
    public ExportReader(DbDataReader reader, bool timesAsText)
    {
        var expected = System.Enum.GetNames<Column>();
        var actual = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
            throw new InvalidOperationException(
                $"The export query's columns changed: expected {string.Join(", ", expected)}; got {string.Join(", ", actual)}.");
        _reader = reader;
        _timesAsText = timesAsText;
    }

    /// <summary>The mutable fields of the incident being read (one instance for the whole export).</summary>
    public sealed class IncidentFields
    {
        public Guid Id;
        public DateTime OccurredFrom, OccurredUntil, ReportedAt;
        public DatePrecision OccurredPrecision;
        public string CategoryCode = "";
        public double? Latitude, Longitude;
        public LocationPrecision? LocationPrecision;
        public string? PlaceName, Description;
        public Guid? AreaId;
        public int? PrioGridCell, FatalitiesLow, FatalitiesBest, FatalitiesHigh, CivilianFatalities, Injured, Abducted, Displaced;
        public bool DescriptionPublic;
        public Confidentiality Confidentiality;
        public Confidence Confidence;
        public IncidentStatus Status;
        public IncidentSource Source;
    }

    /// <summary>The actors of the incident being read, per side.</summary>
    public sealed class Actors
    {
        private readonly List<string> _one = [], _two = [];

        public void Add(int side, string name) => (side == 1 ? _one : side == 2 ? _two : null)?.Add(name);

        public void Clear()
        {
            _one.Clear();
            _two.Clear();
        }

        /// <summary>The actors of one side by name, in ordinal order, joined with "; " (ACLED's convention for associated actors).</summary>
        public string? Side(int side)
        {
            var names = side == 1 ? _one : _two;
            if (names.Count <= 1)
                return names.Count == 0 ? null : names[0];
            names.Sort(StringComparer.Ordinal);
            return string.Join("; ", names);
        }
    }

    public Guid Id() => _reader.GetGuid((int)Column.Id);

    /// <summary>
    /// Reads the incident columns of the current row into <paramref name="into"/>, only those <paramref name="audience"/>
    /// sees, in column order (a reader that buffers the row, like Npgsql's, would otherwise seek back for each).
    /// </summary>
    public void Read(Guid id, IncidentFields into, ExportAudience audience)
    {
        var full = audience == ExportAudience.Full;
        into.Id = id;
        into.OccurredFrom = Time(Column.OccurredFrom);
        if (full)
            into.OccurredUntil = Time(Column.OccurredUntil);
        into.OccurredPrecision = Enum<DatePrecision>(Column.OccurredPrecision);
        if (full)
            into.ReportedAt = Time(Column.ReportedAt);
        into.CategoryCode = _reader.GetString((int)Column.CategoryCode);
        if (full)
        {
            into.Latitude = Double(Column.Latitude);
            into.Longitude = Double(Column.Longitude);
            into.LocationPrecision = IsNull(Column.LocationPrecision) ? null : Enum<LocationPrecision>(Column.LocationPrecision);
            into.PlaceName = IsNull(Column.PlaceName) ? null : _reader.GetString((int)Column.PlaceName);
        }
        into.AreaId = IsNull(Column.AreaId) ? null : _reader.GetGuid((int)Column.AreaId);
        if (full)
        {
            into.PrioGridCell = Int(Column.PrioGridCell);
            into.FatalitiesLow = Int(Column.FatalitiesLow);
        }
        into.FatalitiesBest = Int(Column.FatalitiesBest);
        if (full)
            into.FatalitiesHigh = Int(Column.FatalitiesHigh);
        into.CivilianFatalities = Int(Column.CivilianFatalities);
        into.Injured = Int(Column.Injured);
        into.Abducted = Int(Column.Abducted);
        into.Displaced = Int(Column.Displaced);
        into.DescriptionPublic = _reader.GetBoolean((int)Column.DescriptionPublic);
        into.Description = full || into.DescriptionPublic ? _reader.GetString((int)Column.Description) : null;
        if (full)
            into.Confidentiality = Enum<Confidentiality>(Column.Confidentiality);
        into.Confidence = Enum<Confidence>(Column.Confidence);
        if (!full)
            return;
        into.Status = Enum<IncidentStatus>(Column.Status);
        into.Source = Enum<IncidentSource>(Column.Source);
    }

    /// <summary>Adds the current row's actor, if the incident has one (the left join gives nulls otherwise).</summary>
    public void ReadActor(Actors actors)
    {
        if (!IsNull(Column.ActorSide) && !IsNull(Column.ActorName))
            actors.Add(_reader.GetInt32((int)Column.ActorSide), _reader.GetString((int)Column.ActorName));
    }

    private bool IsNull(Column column) => _reader.IsDBNull((int)column);

    private int? Int(Column column) => IsNull(column) ? null : _reader.GetInt32((int)column);

    private double? Double(Column column) => IsNull(column) ? null : _reader.GetDouble((int)column);

    private DateTime Time(Column column) => _timesAsText
        ? SqliteTime.ParseUtc(_reader.GetString((int)column))
        : DateTime.SpecifyKind(_reader.GetDateTime((int)column), DateTimeKind.Utc);

    private T Enum<T>(Column column) where T : struct, Enum => EnumNames<T>.Parse(_reader.GetString((int)column));

    /// <summary>Enum values from their stored names, as EF Core's string converter reads them (exact name, else any case or a number).</summary>
    private static class EnumNames<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = System.Enum.GetValues<T>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);

        public static T Parse(string name) =>
            ByName.TryGetValue(name, out var value) ? value : System.Enum.TryParse<T>(name, ignoreCase: true, out value) ? value : default;
    }
}
