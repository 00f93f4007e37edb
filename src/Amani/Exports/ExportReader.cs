using System.Data.Common;
using Amani.Data;
using Amani.Incidents;

namespace Amani.Exports;

/// <summary>
/// Reads the rows of <see cref="IncidentExportRows"/>' query from a <see cref="DbDataReader"/> by position — checked
/// once against the column names EF Core generated (the projection's member names), so a change to the query cannot
/// shift a value into the wrong field — converting the stored values as EF Core's model does: enums from their names,
/// times as UTC (SQLite keeps them as text: <see cref="SqliteTime"/>). Columns the audience does not see are not read.
/// </summary>
internal sealed class ExportReader
{
    /// <summary>The query's columns in order, named after the members of its projection.</summary>
    private static readonly string[] Columns =
    [
        "Id", "OccurredFrom", "OccurredUntil", "OccurredPrecision", "ReportedAt", "CategoryCode", "Latitude", "Longitude", "LocationPrecision",
        "PlaceName", "AreaId", "PrioGridCell", "FatalitiesLow", "FatalitiesBest", "FatalitiesHigh", "CivilianFatalities", "Injured", "Abducted",
        "Displaced", "Description", "DescriptionPublic", "Confidentiality", "Confidence", "Status", "Source", "ActorSide", "ActorName",
    ];

    private readonly DbDataReader _reader;
    private readonly bool _timesAsText;

    /// <param name="reader">The open reader of the export query.</param>
    /// <param name="timesAsText">Whether the database keeps times as text (SQLite).</param>
    public ExportReader(DbDataReader reader, bool timesAsText)
    {
        var actual = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (!actual.SequenceEqual(Columns, StringComparer.Ordinal))
            throw new InvalidOperationException($"The export query's columns changed: expected {string.Join(", ", Columns)}; got {string.Join(", ", actual)}.");
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

    public Guid Id() => _reader.GetGuid(0);

    /// <summary>Reads the incident columns of the current row into <paramref name="into"/>, only those <paramref name="audience"/> sees.</summary>
    public void Read(Guid id, IncidentFields into, ExportAudience audience)
    {
        var full = audience == ExportAudience.Full;
        into.Id = id;
        into.OccurredFrom = Time(1);
        into.OccurredPrecision = Enum<DatePrecision>(3);
        into.CategoryCode = _reader.GetString(5);
        into.AreaId = _reader.IsDBNull(10) ? null : _reader.GetGuid(10);
        into.FatalitiesBest = Int(13);
        into.CivilianFatalities = Int(15);
        into.Injured = Int(16);
        into.Abducted = Int(17);
        into.Displaced = Int(18);
        into.DescriptionPublic = _reader.GetBoolean(20);
        into.Description = full || into.DescriptionPublic ? _reader.GetString(19) : null;
        into.Confidence = Enum<Confidence>(22);
        if (!full)
            return;
        into.OccurredUntil = Time(2);
        into.ReportedAt = Time(4);
        into.Latitude = Double(6);
        into.Longitude = Double(7);
        into.LocationPrecision = _reader.IsDBNull(8) ? null : Enum<LocationPrecision>(8);
        into.PlaceName = _reader.IsDBNull(9) ? null : _reader.GetString(9);
        into.PrioGridCell = Int(11);
        into.FatalitiesLow = Int(12);
        into.FatalitiesHigh = Int(14);
        into.Confidentiality = Enum<Confidentiality>(21);
        into.Status = Enum<IncidentStatus>(23);
        into.Source = Enum<IncidentSource>(24);
    }

    /// <summary>Adds the current row's actor, if the incident has one (the left join gives nulls otherwise).</summary>
    public void ReadActor(Actors actors)
    {
        if (!_reader.IsDBNull(25) && !_reader.IsDBNull(26))
            actors.Add(_reader.GetInt32(25), _reader.GetString(26));
    }

    private int? Int(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetInt32(ordinal);

    private double? Double(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetDouble(ordinal);

    private DateTime Time(int ordinal) =>
        _timesAsText ? SqliteTime.ParseUtc(_reader.GetString(ordinal)) : DateTime.SpecifyKind(_reader.GetDateTime(ordinal), DateTimeKind.Utc);

    private T Enum<T>(int ordinal) where T : struct, Enum => EnumNames<T>.Parse(_reader.GetString(ordinal));

    /// <summary>Enum values from their stored names, as EF Core's string converter reads them (exact name, else any case or a number).</summary>
    private static class EnumNames<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = System.Enum.GetValues<T>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);

        public static T Parse(string name) =>
            ByName.TryGetValue(name, out var value) ? value : System.Enum.TryParse<T>(name, ignoreCase: true, out value) ? value : default;
    }
}
