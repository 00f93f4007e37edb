using System.Globalization;
using System.Text;
using Amani.Register.Incidents;
using CsvHelper;

namespace Amani.Register.Imports;

/// <summary>
/// ACLED export rows (the 31-column export; extra columns of newer exports are ignored) as incidents:
/// <c>event_id_cnty</c> = external id; event and sub-event types (current and pre-2019 schemes, <see cref="AcledEventTypes"/>)
/// → category; <c>actor1</c>/<c>assoc_actor_1</c> → side 1 and <c>actor2</c>/<c>assoc_actor_2</c> → side 2 with
/// <c>inter1</c>/<c>inter2</c> as the main actors' types; <c>fatalities</c> → low = best = high; <c>event_date</c> in
/// every format of <see cref="AcledDates"/> with <c>time_precision</c> 1/2/3 → day/week/month; <c>geo_precision</c>
/// 1/2/3 → exact/near/ADM1. ACLED's notes are not licensed for redistribution, so the description is not public.
/// </summary>
public sealed class AcledMapper : IIncidentRowMapper
{
    public const string SourceName = "acled";

    private static readonly string[] Required =
    [
        "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
        "assoc_actor_2", "inter2", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "notes",
        "fatalities",
    ];

    private bool _hasSourceScale;

    public string Source => SourceName;
    public string DisplayName => "ACLED";

    public IReadOnlyList<string> MissingColumns(IReadOnlyCollection<string> header)
    {
        _hasSourceScale = header.Contains("source_scale");
        return Required.Where(c => !header.Contains(c)).ToList();
    }

    public string? RejectedRowId(IReaderRow row) =>
        row.TryGetField<string>("event_id_cnty", out var id) && id?.Trim() is { Length: > 0 and <= 64 } trimmed ? trimmed : null;

    public MappedRow Map(IReaderRow row)
    {
        string Field(string name) => row.GetField(name)?.Trim() ?? "";
        var id = Field("event_id_cnty");
        if (id.Length is 0 or > 64)
            return MappedRow.Reject(id.Length == 0 ? "event_id_cnty is missing." : "event_id_cnty is longer than 64 characters.");
        if (!AcledDates.TryParse(Field("event_date"), out var date))
            return MappedRow.Reject($"event_date '{Field("event_date")}' is not a date (e.g. 10 February 2023, 31-Dec-21 or 2023-02-10).");
        if (!TryCode(Field("time_precision"), 1, 3, out var timePrecision))
            return MappedRow.Reject($"time_precision '{Field("time_precision")}' is not 1, 2 or 3.");
        if (!TryCode(Field("geo_precision"), 1, 3, out var geoPrecision))
            return MappedRow.Reject($"geo_precision '{Field("geo_precision")}' is not 1, 2 or 3.");
        if (!TryActorType(Field("inter1"), out var type1) || !TryActorType(Field("inter2"), out var type2))
            return MappedRow.Reject($"inter1 '{Field("inter1")}' or inter2 '{Field("inter2")}' is not an ACLED actor type (0–8).");
        var types = AcledEventTypes.Resolve(Field("event_type"), Field("sub_event_type"), type1, type2);
        if (types.Rejection is not null)
            return MappedRow.Reject(types.Rejection);
        var (latitudeText, longitudeText) = (Field("latitude"), Field("longitude"));
        if (!TryNumber(latitudeText, out var latitude) || !TryNumber(longitudeText, out var longitude))
            return MappedRow.Reject($"latitude '{latitudeText}' or longitude '{longitudeText}' is not a number.");
        if ((latitude is null) != (longitude is null))
            return MappedRow.Reject("Only one of latitude and longitude is given.");
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
            return MappedRow.Reject($"Coordinates {latitudeText}, {longitudeText} are out of range (latitude −90…90, longitude −180…180).");
        if (!int.TryParse(Field("fatalities"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fatalities) || fatalities < 0)
            return MappedRow.Reject($"fatalities '{Field("fatalities")}' is not a whole number ≥ 0.");

        var (admin1, admin2, admin3, location) = (Field("admin1"), Field("admin2"), Field("admin3"), Field("location"));
        var pointLocatesArea = geoPrecision <= 2 && latitude is not null; // 3: the provincial capital stands for a larger region
        var code = types.Code!;
        return new ImportedIncident
        {
            ExternalId = id,
            CategoryCode = code,
            OccurredFrom = date,
            OccurredUntil = date,
            OccurredPrecision = timePrecision switch { 1 => DatePrecision.Day, 2 => DatePrecision.Week, _ => DatePrecision.Month },
            Latitude = latitude,
            Longitude = longitude,
            LocationPrecision = geoPrecision switch { 1 => LocationPrecision.Exact, 2 => LocationPrecision.Near, _ => LocationPrecision.Admin1 },
            PlaceName = new[] { location, admin3, admin2, admin1 }.FirstOrDefault(n => n.Length > 0) is { } place
                ? Truncate(place, IncidentLimits.PlaceName) : null,
            PointLocatesArea = pointLocatesArea,
            AreaNames = (pointLocatesArea ? new[] { admin3, admin2, admin1 } : [admin1]).Where(n => n.Length > 0).ToList(),
            FatalitiesLow = fatalities,
            FatalitiesBest = fatalities,
            FatalitiesHigh = fatalities,
            // ACLED counts the victims of violence against civilians as its fatalities; elsewhere it does not say who died.
            CivilianFatalities = code.StartsWith("violence-against-civilians", StringComparison.Ordinal) ? fatalities : null,
            Description = Describe(row, Field, types.OldScheme),
            DescriptionPublic = false, // ACLED's notes and sources may be used, not redistributed: never in public views or exports
            Confidence = Confidence.Confirmed, // coded and reviewed by ACLED, as GED's clear events; Verified by its publisher
            Actors = Actors(Field, type1, type2),
        };
    }

    private string Describe(IReaderRow row, Func<string, string> field, bool oldScheme)
    {
        var text = new StringBuilder(field("event_type"));
        if (field("sub_event_type") is { Length: > 0 } sub)
            text.Append(": ").Append(sub);
        text.Append(oldScheme ? " (ACLED, pre-2019 event scheme)." : " (ACLED).");
        if (field("notes") is { Length: > 0 } notes)
            text.Append(' ').Append(notes);
        if (field("source") is { Length: > 0 } source)
        {
            text.Append(" Sources: ").Append(source);
            if (_hasSourceScale && row.GetField("source_scale")?.Trim() is { Length: > 0 } scale)
                text.Append(" (").Append(scale).Append(')');
            text.Append('.');
        }
        return Truncate(text.ToString(), IncidentLimits.Description);
    }

    /// <summary>The main actor of each side with its ACLED type, then its associated actors ("; "-separated), whose type ACLED does not code.</summary>
    private static List<ImportedActor> Actors(Func<string, string> field, ActorType? type1, ActorType? type2)
    {
        var actors = new List<ImportedActor>();
        void Side(int side, string main, ActorType? type, string associated)
        {
            if (main.Length > 0)
                actors.Add(new ImportedActor(side, Truncate(main, IncidentLimits.ActorName), type));
            foreach (var name in associated.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (actors.Count < IncidentLimits.Actors && !actors.Any(a => a.Side == side && a.Name == name))
                    actors.Add(new ImportedActor(side, Truncate(name, IncidentLimits.ActorName), null));
        }
        Side(1, field("actor1"), type1, field("assoc_actor_1"));
        Side(2, field("actor2"), type2, field("assoc_actor_2"));
        return actors.Take(IncidentLimits.Actors).ToList();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static bool TryCode(string text, int min, int max, out int code) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out code) && code >= min && code <= max;

    /// <summary>Empty or 0 (no such actor) is null; 1–8 are <see cref="ActorType"/>s.</summary>
    private static bool TryActorType(string text, out ActorType? type)
    {
        type = null;
        if (text.Length == 0)
            return true;
        if (!TryCode(text, 0, 8, out var code))
            return false;
        type = code == 0 ? null : (ActorType)code;
        return true;
    }

    /// <summary>Empty or NA is "no value" (null); anything else must be a number.</summary>
    private static bool TryNumber(string text, out double? value)
    {
        value = null;
        if (text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return false;
        value = number;
        return true;
    }
}
