using System.Diagnostics;
using System.Globalization;
using Amani.Governance.Surveys.Forms;
using MiniExcelLibs;

namespace Amani.Bench.SurveyForms;

/// <summary>
/// The XLSForm conversion benchmark (issue 14: "an XLSForm of 300 rows converts in ≤ 1 s"), in-process, Release build.
/// Builds a realistic 300-row survey sheet (groups, repeats, selects with choice filters, relevants, constraints,
/// calculations, labels and hints in English and French) with 120 choices, then measures, on the same workbook bytes:
/// the reference — MiniExcel reading every row of every sheet, nothing else — and the conversion (reading, checking,
/// writing the XForm); the first conversion (a cold process: JIT included) and the median and maximum of the next runs.
/// Usage: Amani.Bench.SurveyForms [--rows 300] [--runs 30]
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var rows = Arg(args, "--rows") ?? 300;
        var runs = Arg(args, "--runs") ?? 30;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
        var workbook = Workbook(rows, out var choiceRows);
        Console.WriteLine($"XLSForm: {rows} survey rows, {choiceRows} choice rows, 2 languages; {workbook.Length:N0} bytes");

        var cold = Stopwatch.StartNew();
        var first = XlsFormConverter.Convert(new MemoryStream(workbook));
        cold.Stop();
        if (!first.Ok)
        {
            Console.WriteLine("the benchmark's form was refused:\n" + string.Join("\n", first.Problems));
            return 1;
        }
        var readCold = Time(() => ReadAll(workbook));
        var read = Enumerable.Range(0, runs).Select(_ => Time(() => ReadAll(workbook))).Order().ToList();
        var convert = Enumerable.Range(0, runs).Select(_ => Time(() => XlsFormConverter.Convert(new MemoryStream(workbook)))).Order().ToList();
        var back = Enumerable.Range(0, runs).Select(_ => Time(() => XFormReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(first.XForm!))))).Order().ToList();

        Console.WriteLine($"XForm: {first.XForm!.Length:N0} characters, {first.Info!.Fields.Count} fields");
        Console.WriteLine();
        Console.WriteLine("| figure | first run (cold) | median | max | target |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| reference: MiniExcel reads every row of every sheet | {Ms(readCold)} | {Ms(Median(read))} | {Ms(read[^1])} | — |");
        Console.WriteLine($"| XLSForm → XForm (read, check, write) | {Ms(cold.Elapsed)} | {Ms(Median(convert))} | {Ms(convert[^1])} | ≤ 1,000 ms |");
        Console.WriteLine($"| XForm read back (XFormReader) | — | {Ms(Median(back))} | {Ms(back[^1])} | — |");
        Console.WriteLine();
        Console.WriteLine($"ratio conversion / reference (medians): {Median(convert).TotalMilliseconds / Median(read).TotalMilliseconds:0.0}×");
        var met = cold.Elapsed.TotalSeconds <= 1 && convert[^1].TotalSeconds <= 1;
        Console.WriteLine($"target (≤ 1 s, first run and every run): {(met ? "met" : "MISSED")}");
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return met ? 0 : 1;
    }

    private static int? Arg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> sorted) => sorted[sorted.Count / 2];

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:N1} ms";

    /// <summary>The reference: every row of every sheet read by MiniExcel, as the converter's first step does.</summary>
    private static int ReadAll(byte[] workbook)
    {
        var stream = new MemoryStream(workbook);
        var cells = 0;
        foreach (var sheet in stream.GetSheetNames())
        {
            stream.Position = 0;
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, sheetName: sheet))
                cells += row.Count;
            stream.Position = 0;
        }
        return cells;
    }

    /// <summary>
    /// A perception survey of <paramref name="rows"/> survey rows: blocks of a group with a select_one on a 5-point scale,
    /// a select_multiple with a constraint, an integer with a constraint, a text shown by a relevant, a choice-filtered
    /// select, a calculate; every fourth block a repeat instead of a group.
    /// </summary>
    private static byte[] Workbook(int rows, out int choiceRows)
    {
        string[] header =
        [
            "type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)", "hint::Français (fr)",
            "required", "relevant", "constraint", "constraint_message::English (en)", "constraint_message::Français (fr)",
            "appearance", "choice_filter", "calculation",
        ];
        var survey = new List<string?[]>
        {
            new[] { "start", "start" }, new[] { "end", "end" },
            new[] { "select_one region", "region", "Region", "Région", null, null, "yes" },
        };
        for (var block = 0; survey.Count < rows - 1; block++)
        {
            var kind = block % 4 == 3 ? "repeat" : "group";
            var b = $"b{block}";
            survey.Add([$"begin {kind}", b, $"Section {block}", $"Section {block}", null, null, null, block > 0 ? $"${{consent_{block - 1}}} != 'no'" : null]);
            survey.Add(["select_one scale", $"consent_{block}", $"How safe do you feel, {block}?", $"Vous sentez-vous en sécurité, {block} ?",
                "Read the answers aloud", "Lisez les réponses", "yes", null, null, null, null, "likert"]);
            survey.Add(["select_multiple threats", $"threats_{block}", "Which threats?", "Quelles menaces ?", null, null, null,
                $"${{consent_{block}}} = 'unsafe' or ${{consent_{block}}} = 'very_unsafe'",
                "not(selected(., 'none') and count-selected(.) > 1)", "'None' excludes the others", "« Aucune » exclut les autres"]);
            survey.Add(["integer", $"count_{block}", "How many incidents this month?", "Combien d'incidents ce mois-ci ?", null, null, "yes", null,
                ". >= 0 and . <= 100", "From 0 to 100", "De 0 à 100"]);
            survey.Add(["text", $"other_{block}", "Which other threat?", "Quelle autre menace ?", null, null, null, $"selected(${{threats_{block}}}, 'other')"]);
            survey.Add(["select_one district", $"district_{block}", "District", "District", null, null, null, null, null, null, null, "minimal",
                "region = ${region}"]);
            survey.Add(["decimal", $"trust_{block}", "Trust (0–10)", "Confiance (0–10)", null, null, null, null, ". >= 0 and . <= 10"]);
            survey.Add(["calculate", $"safe_{block}", null, null, null, null, null, null, null, null, null, null, null,
                $"if(${{consent_{block}}} = 'safe' or ${{consent_{block}}} = 'very_safe', 1, 0) + ${{count_{block}}} * 0"]);
            survey.Add([$"end {kind}"]);
        }
        while (survey.Count < rows)
            survey.Add(["note", $"note_{survey.Count}", "Thank you", "Merci"]);

        var choices = new List<string?[]>();
        string[] scale = ["very_safe", "safe", "neutral", "unsafe", "very_unsafe"];
        choices.AddRange(scale.Select(s => new[] { "scale", s, s.Replace('_', ' '), s.Replace('_', ' ') + " (fr)", null }));
        string[] threats = ["armed_groups", "theft", "sexual_violence", "land_disputes", "other", "none"];
        choices.AddRange(threats.Select(t => new[] { "threats", t, t.Replace('_', ' '), t.Replace('_', ' ') + " (fr)", null }));
        for (var r = 0; r < 9; r++)
        {
            choices.Add(["region", $"r{r}", $"Region {r}", $"Région {r}", null]);
            for (var d = 0; d < 11; d++)
                choices.Add(["district", $"r{r}_d{d}", $"District {r}.{d}", $"District {r}.{d}", $"r{r}"]);
        }
        choiceRows = choices.Count;

        var sheets = new Dictionary<string, object>
        {
            ["survey"] = Rows(header, survey),
            ["choices"] = Rows(["list_name", "name", "label::English (en)", "label::Français (fr)", "region"], choices),
            ["settings"] = Rows(["form_title", "form_id", "version", "default_language"],
                [["Perception benchmark", "perception_bench", "1", "English (en)"]]),
        };
        var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        return buffer.ToArray();
    }

    private static List<Dictionary<string, object?>> Rows(string[] header, IEnumerable<string?[]> rows) =>
        rows.Select(row => header.Select((h, i) => (h, Value: i < row.Length ? row[i] : null))
            .ToDictionary(c => c.h, c => (object?)c.Value)).ToList();
}
