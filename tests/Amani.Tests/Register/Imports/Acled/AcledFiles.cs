namespace Amani.Tests.Register.Imports.Acled;

/// <summary>
/// Hand-made ACLED export CSVs (no ACLED data ships with Amani): the 31 columns of the export, a valid default row,
/// and per-row overrides. Files are written to a temporary directory deleted on dispose.
/// </summary>
public sealed class AcledFiles : IDisposable
{
    public static readonly string[] Columns =
    [
        "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
        "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
    ];

    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["data_id"] = "9000001", ["iso"] = "140", ["event_id_cnty"] = "CEN1", ["event_id_no_cnty"] = "1", ["event_date"] = "10 February 2023",
        ["year"] = "2023", ["time_precision"] = "1", ["event_type"] = "Battles", ["sub_event_type"] = "Armed clash",
        ["actor1"] = "Military Forces of the Central African Republic (2016-)", ["assoc_actor_1"] = "Wagner Group",
        ["inter1"] = "1", ["actor2"] = "CPC: Coalition of Patriots for Change", ["assoc_actor_2"] = "", ["inter2"] = "2", ["interaction"] = "12",
        ["region"] = "Middle Africa", ["country"] = "Central African Republic", ["admin1"] = "Ombella-M'Poko", ["admin2"] = "Bimbo",
        ["admin3"] = "", ["location"] = "Boali", ["latitude"] = "4.8000", ["longitude"] = "18.1200", ["geo_precision"] = "1",
        ["source"] = "Corbeau News; Radio Ndeke Luka", ["source_scale"] = "National", ["notes"] = "On 10 February 2023, FACa and Wagner clashed with CPC, near Boali.",
        ["fatalities"] = "3", ["timestamp"] = "1676900000", ["iso3"] = "CAF",
    };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-acled-");

    /// <summary>A row: the defaults with <paramref name="changes"/> ("column=value").</summary>
    public static Dictionary<string, string> Row(params string[] changes)
    {
        var row = new Dictionary<string, string>(Defaults);
        foreach (var change in changes)
        {
            var split = change.IndexOf('=', StringComparison.Ordinal);
            var column = change[..split];
            if (!row.ContainsKey(column))
                throw new ArgumentException($"{column} is not an ACLED column", nameof(changes));
            row[column] = change[(split + 1)..];
        }
        return row;
    }

    public string Write(string name, IEnumerable<Dictionary<string, string>> rows, IReadOnlyList<string>? columns = null)
    {
        columns ??= Columns;
        var lines = new List<string> { string.Join(',', columns) };
        lines.AddRange(rows.Select(r => string.Join(',', columns.Select(c => Quote(r.GetValueOrDefault(c, ""))))));
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public void Dispose() => _directory.Delete(recursive: true);
}
