using System.Globalization;
using System.Text;
using Amani.Platform.Records;
using CsvHelper;
using CsvHelper.Configuration;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// Reads a round's populations from CSV (UTF-8, comma-separated, a header row): <c>pcode,population</c> and optionally
/// <c>clusters_sampled,respondents_per_cluster</c>. Each bad row is refused with its line and column.
/// </summary>
public static class PopulationCsv
{
    public const long MaxBytes = 1024 * 1024;
    private static readonly string[] Columns = ["pcode", "population", "clusters_sampled", "respondents_per_cluster"];

    public static async Task<Outcome<IReadOnlyList<StratumInput>>> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBytes)
            return Refusal.Invalid("file", $"A population file has at most {MaxBytes / 1024} KB.");
        buffer.Position = 0;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null, BadDataFound = null, DetectColumnCountChanges = false, TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(new StreamReader(buffer, new UTF8Encoding(false, true)), configuration);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
                return Refusal.Invalid("file", "The file is empty: send a header row 'pcode,population' and one row per stratum.");
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            if (header.Length < 2 || header[0] != Columns[0] || header[1] != Columns[1] || header.Skip(2).Where((h, i) => h != Columns[i + 2]).Any())
                return Refusal.Invalid("file",
                    $"The header must be 'pcode,population' optionally followed by ',clusters_sampled,respondents_per_cluster'; it is '{string.Join(',', header)}'.");
            var rows = new List<StratumInput>();
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                if (rows.Count >= RoundRules.MaxStrata)
                    return Refusal.Invalid("file", $"A round has at most {RoundRules.MaxStrata} strata.");
                if (csv.Parser.Count > header.Length)
                    return Refusal.Invalid("file", $"Line {line} has {csv.Parser.Count} values; the header names {header.Length}.");
                if (!double.TryParse(csv.GetField(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var population))
                    return Refusal.Invalid("file", $"Line {line}, column population: '{csv.GetField(1)}' is not a number (write 12500 or 12500.5).");
                int? clusters = null, perCluster = null;
                for (var c = 2; c < header.Length; c++)
                {
                    var text = csv.GetField(c);
                    if (string.IsNullOrEmpty(text))
                        continue;
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                        return Refusal.Invalid("file", $"Line {line}, column {header[c]}: '{text}' is not a whole number.");
                    if (c == 2) clusters = number; else perCluster = number;
                }
                rows.Add(new StratumInput(csv.GetField(0), population, clusters, perCluster));
            }
            return Outcome<IReadOnlyList<StratumInput>>.Ok(rows);
        }
        catch (DecoderFallbackException)
        {
            return Refusal.Invalid("file", "The file is not UTF-8 text: save it as CSV UTF-8.");
        }
    }
}
