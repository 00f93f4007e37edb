using System.Globalization;
using System.Text;
using Amani.Register.Incidents;
using CsvHelper;

namespace Amani.Register.Imports;

/// <summary>
/// UCDP Georeferenced Event Dataset rows (the 19.1 and 23.1 column sets; extra columns are ignored) as incidents.
/// Type of violence 1 (state-based) and 2 (non-state) → <c>battles.armed-clash</c>, 3 (one-sided) →
/// <c>violence-against-civilians.attack</c>, with the GED type kept in the description and in the actor types;
/// <c>event_clarity</c> 1 → confirmed, 2 → probable; <c>low</c>/<c>best</c>/<c>high</c> → fatalities, bracketing
/// <c>best</c> (about 1 % of GED rows have <c>low</c> or <c>high</c> on the wrong side of it; <c>best</c>, the sum of
/// the deaths by party, wins).
/// </summary>
public sealed class GedMapper : IIncidentRowMapper
{
    public const string SourceName = "ucdp-ged";
    private const int MaxText = IncidentLimits.Description;

    private static readonly string[] Required =
    [
        "id", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b", "source_article", "source_headline", "where_prec",
        "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "event_clarity", "date_prec", "date_start", "date_end",
        "deaths_civilians", "low", "best", "high",
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss.fff"];

    private bool _hasWhereDescription;

    public string Source => SourceName;
    public string DisplayName => "UCDP GED";

    /// <summary>Column name → position in this file's header (the first of equal names), so each field is read by index.</summary>
    private Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public IReadOnlyList<string> MissingColumns(IReadOnlyCollection<string> header)
    {
        _columns = header.Select((name, index) => (name, index)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        _hasWhereDescription = header.Contains("where_description");
        return Required.Where(c => !header.Contains(c)).ToList();
    }

    public MappedRow Map(IReaderRow row)
    {
        string Field(string name) => row.GetField(_columns[name])?.Trim() ?? "";
        var id = Field("id");
        if (id.Length is 0 or > 64)
            return MappedRow.Reject(id.Length == 0 ? "id is missing." : "id is longer than 64 characters.");
        if (!int.TryParse(Field("type_of_violence"), CultureInfo.InvariantCulture, out var type) || type is < 1 or > 3)
            return MappedRow.Reject($"type_of_violence '{Field("type_of_violence")}' is not 1, 2 or 3.");
        if (!TryDate(Field("date_start"), out var start) || !TryDate(Field("date_end"), out var end))
            return MappedRow.Reject($"date_start '{Field("date_start")}' or date_end '{Field("date_end")}' is not a date (yyyy-mm-dd).");
        if (!TryCode(Field("date_prec"), 1, 5, out var datePrecision))
            return MappedRow.Reject($"date_prec '{Field("date_prec")}' is not 1–5.");
        if (!TryCode(Field("where_prec"), 1, 7, out var wherePrecision))
            return MappedRow.Reject($"where_prec '{Field("where_prec")}' is not 1–7.");
        if (!TryCode(Field("event_clarity"), 1, 2, out var clarity))
            return MappedRow.Reject($"event_clarity '{Field("event_clarity")}' is not 1 or 2.");
        var (latitudeText, longitudeText) = (Field("latitude"), Field("longitude"));
        if (!TryNumber(latitudeText, out var latitude) || !TryNumber(longitudeText, out var longitude))
            return MappedRow.Reject($"latitude '{latitudeText}' or longitude '{longitudeText}' is not a number.");
        if ((latitude is null) != (longitude is null))
            return MappedRow.Reject("Only one of latitude and longitude is given.");
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
            return MappedRow.Reject($"Coordinates {latitudeText}, {longitudeText} are out of range (latitude −90…90, longitude −180…180).");
        if (!TryCount(Field("low"), out var low) || !TryCount(Field("best"), out var best) || !TryCount(Field("high"), out var high)
            || !TryCount(Field("deaths_civilians"), out var civilians))
            return MappedRow.Reject($"low '{Field("low")}', best '{Field("best")}', high '{Field("high")}' or deaths_civilians " +
                                    $"'{Field("deaths_civilians")}' is not a whole number ≥ 0.");

        var (adm1, adm2) = (Field("adm_1"), Field("adm_2"));
        var pointLocatesArea = wherePrecision <= 3; // exact, near a place, or an ADM2 centroid; coarser points are centroids of larger areas
        return new ImportedIncident
        {
            ExternalId = id,
            CategoryCode = type == 3 ? "violence-against-civilians.attack" : "battles.armed-clash",
            OccurredFrom = start,
            OccurredUntil = end,
            OccurredPrecision = datePrecision switch { 1 => DatePrecision.Day, 2 => DatePrecision.Range, 3 => DatePrecision.Week, 4 => DatePrecision.Month, _ => DatePrecision.Year },
            Latitude = latitude,
            Longitude = longitude,
            LocationPrecision = (LocationPrecision)wherePrecision,
            PlaceName = Truncate(Field("where_coordinates"), IncidentLimits.PlaceName) is { Length: > 0 } place ? place : null,
            PointLocatesArea = pointLocatesArea,
            AreaNames = (pointLocatesArea ? new[] { adm2, adm1 } : [adm1]).Where(n => n.Length > 0).ToList(),
            FatalitiesLow = Math.Min(low, best),
            FatalitiesBest = best,
            FatalitiesHigh = Math.Max(high, best),
            CivilianFatalities = Math.Min(civilians, Math.Max(high, best)),
            Description = Describe(type, row, Field),
            DescriptionPublic = true, // every word of it is published by UCDP under CC BY 4.0
            Confidence = clarity == 1 ? Confidence.Confirmed : Confidence.Probable,
            Actors = Actors(type, Field("side_a"), Field("side_b")),
        };
    }

    private static readonly string[] TypeNames = ["", "State-based conflict", "Non-state conflict", "One-sided violence"];

    private string Describe(int type, IReaderRow row, Func<string, string> field)
    {
        var text = new StringBuilder($"{TypeNames[type]} (UCDP GED type {type}): {field("dyad_name")}. Conflict: {field("conflict_name")}.");
        if (_hasWhereDescription && row.GetField(_columns["where_description"])?.Trim() is { Length: > 0 } where)
            text.Append($" Location: {where}.");
        if (field("source_headline") is { Length: > 0 } headline)
            text.Append($" Headline: {headline}");
        if (field("source_article") is { Length: > 0 } article)
            text.Append($" Sources: {article}");
        return Truncate(text.ToString(), MaxText);
    }

    /// <summary>Side A is a government in state-based conflicts (and often in one-sided violence); side B of one-sided violence is civilians.</summary>
    private static List<ImportedActor> Actors(int type, string sideA, string sideB)
    {
        var actors = new List<ImportedActor>();
        if (sideA.Length > 0)
            actors.Add(new ImportedActor(1, Truncate(sideA, IncidentLimits.ActorName), IsGovernment(sideA) ? ActorType.StateForces : null));
        if (sideB.Length > 0)
            actors.Add(new ImportedActor(2, Truncate(sideB, IncidentLimits.ActorName), type switch
            {
                3 => ActorType.Civilians,
                _ when IsGovernment(sideB) => ActorType.StateForces,
                1 => ActorType.RebelGroup, // GED's state-based conflicts oppose a government and an organised armed group
                _ => null,
            }));
        return actors;
    }

    private static bool IsGovernment(string side) => side.StartsWith("Government of", StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static bool TryDate(string text, out DateTime date) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);

    private static bool TryCode(string text, int min, int max, out int code) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out code) && code >= min && code <= max;

    private static bool TryCount(string text, out int count) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) && count >= 0;

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
