using System.Globalization;
using CsvHelper;

namespace Amani.Bench.Import;

/// <summary>
/// Writes an N-event UCDP GED 23.1-format CSV by resampling real events (the Syria 2016–2019 and Central African
/// Republic files): each output row copies a source event drawn at random (seeded: the same seed gives the same file),
/// gets a fresh unique <c>id</c>, shifts its dates by up to ±365 days (start and end together, never past 2023-12-31),
/// and moves its point by up to ±0.05° (≈ 5 km) when the point is precise (<c>where_prec</c> ≤ 3) — recomputing
/// <c>priogrid_gid</c>. Coarse points (centroids) stay where they are, as in GED. The 19.1 Syria rows get the 23.1
/// columns they lack empty (<c>relid</c>, <c>code_status</c>, the <c>*_dset_id</c> columns, <c>where_description</c>,
/// <c>gwnoa</c>).
/// </summary>
public static class GedGenerator
{
    public static readonly string[] Header =
    [
        "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id", "conflict_name",
        "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
        "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
        "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "priogrid_gid", "country", "country_id", "region",
        "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high",
        "low", "gwnoa", "gwnob",
    ];

    private static readonly DateTime Latest = new(2023, 12, 31);

    /// <summary>Reads every source file into memory (≈ 18,000 events), then streams <paramref name="rows"/> rows to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(IReadOnlyList<string> sources, string output, int rows, int seed)
    {
        var events = new List<Dictionary<string, string>>();
        foreach (var source in sources)
            events.AddRange(await ReadAsync(source));
        var random = new Random(seed);
        await using var writer = new StreamWriter(output, false, new System.Text.UTF8Encoding(false), 1 << 20);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Header)
            csv.WriteField(column);
        await csv.NextRecordAsync();
        for (var i = 1; i <= rows; i++)
        {
            var row = Resample(events[random.Next(events.Count)], i, random);
            foreach (var column in Header)
                csv.WriteField(row.GetValueOrDefault(column, ""));
            await csv.NextRecordAsync();
        }
    }

    private static Dictionary<string, string> Resample(Dictionary<string, string> source, int id, Random random)
    {
        var row = new Dictionary<string, string>(source) { ["id"] = id.ToString(CultureInfo.InvariantCulture) };
        var shift = TimeSpan.FromDays(random.Next(-365, 366));
        if (TryDate(source["date_start"], out var start) && TryDate(source["date_end"], out var end))
        {
            if (end + shift > Latest)
                shift = Latest - end;
            row["date_start"] = (start + shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row["date_end"] = (end + shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row["year"] = (start + shift).Year.ToString(CultureInfo.InvariantCulture);
        }
        if (int.TryParse(source["where_prec"], CultureInfo.InvariantCulture, out var precision) && precision <= 3
            && double.TryParse(source["latitude"], CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(source["longitude"], CultureInfo.InvariantCulture, out var longitude))
        {
            latitude = Math.Clamp(latitude + (random.NextDouble() - 0.5) * 0.1, -90, 90);
            longitude = Math.Clamp(longitude + (random.NextDouble() - 0.5) * 0.1, -180, 180);
            row["latitude"] = latitude.ToString("F6", CultureInfo.InvariantCulture);
            row["longitude"] = longitude.ToString("F6", CultureInfo.InvariantCulture);
            row["priogrid_gid"] = Amani.Foundation.Areas.Geo.PrioGrid.CellOf(latitude, longitude).ToString(CultureInfo.InvariantCulture);
        }
        return row;
    }

    private static async Task<List<Dictionary<string, string>>> ReadAsync(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var events = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
                row[header[i]] = csv.GetField(i) ?? "";
            events.Add(row);
        }
        return events;
    }

    private static bool TryDate(string text, out DateTime date) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
}
