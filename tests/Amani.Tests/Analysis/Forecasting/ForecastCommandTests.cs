using System.Globalization;
using Amani.Analysis.Forecasting.Evaluation;
using Amani.Tests.Platform.Cli;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

[Collection(ConsoleCollection.Name)]
public sealed class ForecastCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-forecast-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    /// <summary>The real file restricted to the 54 African countries (and, optionally, to months ≤ <paramref name="lastMonth"/>).</summary>
    private string AfricaData(string name, int lastMonth = int.MaxValue)
    {
        var lines = File.ReadLines(ForecastData.RealFile).ToList();
        var kept = lines.Take(1).Concat(lines.Skip(1).Where(line =>
        {
            var fields = line.Split(',');
            return EvaluationWindow.Views2020Countries.Contains(fields[3]) && int.Parse(fields[0], CultureInfo.InvariantCulture) <= lastMonth;
        }));
        File.WriteAllLines(PathOf(name), kept);
        return PathOf(name);
    }

    private string Countries(params string[] ids)
    {
        var path = PathOf($"countries-{ids.Length}-{ids.FirstOrDefault()}.csv");
        File.WriteAllLines(path, new[] { "country_id,country_name" }.Concat(ids.Select(id => $"{id},x")));
        return path;
    }

    private static void AssertCleanFailure(CliResult result, string expected)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(expected, result.Error);
        Assert.StartsWith("error: ", result.Error.TrimStart());
        Assert.DoesNotContain("Exception", result.Error + result.Out);
        Assert.DoesNotContain("   at ", result.Error + result.Out);
    }

    [Fact]
    public async Task Evaluate_prints_the_published_no_change_scores()
    {
        var result = await CliRunner.RunAsync("forecast", "evaluate", "--protocol", "views2020-task2", "--data", ForecastData.RealFile,
            "--countries", ForecastData.AfricaFile, "--models", "no-change,zero");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^no-change\s+0\.79998\s+0\.37413\s", result.Out);
        Assert.Matches(@"(?m)^zero\s+\d+\.\d{5}\s+\d+\.\d{5}\s", result.Out);
        Assert.Contains("54 units, 11,664 forecasts per model", result.Out);
    }

    [Fact]
    public async Task Evaluate_refuses_unknown_models_and_countries_without_the_window()
    {
        AssertCleanFailure(await CliRunner.RunAsync("forecast", "evaluate", "--protocol", "views2020-task2", "--data", ForecastData.RealFile, "--models", "oracle"),
            "there is no model 'oracle'");
        AssertCleanFailure(await CliRunner.RunAsync("forecast", "evaluate", "--protocol", "views2020-task2", "--data", ForecastData.RealFile,
            "--countries", Countries("1", "99999"), "--models", "no-change"), "Not in the data: 99999");
        var unknownProtocol = await CliRunner.RunAsync("forecast", "evaluate", "--protocol", "views2030", "--data", ForecastData.RealFile);
        Assert.NotEqual(0, unknownProtocol.ExitCode);
        Assert.Contains("views2030", unknownProtocol.Error);
    }

    [Fact]
    public async Task Predict_writes_one_row_per_country_and_step_and_ignores_rows_after_the_last_month()
    {
        const int last = 440;
        var full = AfricaData("africa.csv");
        var upToLast = AfricaData("africa-to-440.csv", last);
        var countries = Countries("57", "78", "246");

        var first = await CliRunner.RunAsync("forecast", "predict", "--data", full, "--last-month", "440", "--countries", countries, "--steps", "2-7", "--out", PathOf("a.csv"));
        var second = await CliRunner.RunAsync("forecast", "predict", "--data", upToLast, "--last-month", "440", "--countries", countries, "--steps", "2-7", "--out", PathOf("b.csv"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var lines = File.ReadAllLines(PathOf("a.csv"));
        Assert.Equal("month_id,country_id,step,prediction", lines[0]);
        Assert.Equal(1 + 3 * 6, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            Assert.Equal(4, fields.Length);
            var step = int.Parse(fields[2], CultureInfo.InvariantCulture);
            Assert.InRange(step, 2, 7);
            Assert.Equal(last + step, int.Parse(fields[0], CultureInfo.InvariantCulture));
            Assert.Contains(fields[1], new[] { "57", "78", "246" });
            Assert.True(double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value), line);
        }
        Assert.Equal(lines, File.ReadAllLines(PathOf("b.csv")));
        Assert.Contains("18 forecast(s)", first.Out);
    }

    [Fact]
    public async Task Predict_can_add_the_predictive_distribution()
    {
        var result = await CliRunner.RunAsync("forecast", "predict", "--data", AfricaData("africa.csv"), "--last-month", "480", "--countries", Countries("57", "40"),
            "--steps", "1,12", "--model", "poisson-last", "--distribution", "--out", PathOf("d.csv"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(PathOf("d.csv"));
        Assert.Equal("month_id,country_id,step,prediction,deaths,p_ge_1,p_ge_25,p_ge_100,q05,q10,q25,q50,q75,q90,q95", lines[0]);
        Assert.Equal(5, lines.Length);
        var capeVerde = lines.Single(l => l.StartsWith("481,40,1,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("0", "0", "0", "0"), (capeVerde[3], capeVerde[5], capeVerde[6], capeVerde[7])); // no deaths: Poisson(0)
    }

    [Fact]
    public async Task Predict_refuses_bad_input_with_a_clear_message_and_a_non_zero_exit()
    {
        var data = AfricaData("africa.csv");
        var ok = Countries("57");
        string[] Args(string lastMonth, string countries, string steps) =>
            ["forecast", "predict", "--data", data, "--last-month", lastMonth, "--countries", countries, "--steps", steps, "--out", PathOf("x.csv")];

        AssertCleanFailure(await CliRunner.RunAsync(Args("440", Countries("57", "99999"), "2-7")), "--countries: Not in the data: 99999");
        AssertCleanFailure(await CliRunner.RunAsync(Args("600", ok, "2-7")), "--last-month: Month month_id 600 (2029-12) is outside the data, which run from month_id 108 (1988-12) to month_id 488 (2020-08)");
        AssertCleanFailure(await CliRunner.RunAsync(Args("50", ok, "2-7")), "is outside the data");
        AssertCleanFailure(await CliRunner.RunAsync(Args("120", ok, "2-7")), "--last-month: Too little history: the data have 13 month(s)");
        AssertCleanFailure(await CliRunner.RunAsync(Args("385", Countries("246"), "2-7")), "Too little history: 246 have fewer than 12 months");
        foreach (var steps in new[] { "0-3", "2-", "7-2", "13", "x", "2-7-9", "" })
            AssertCleanFailure(await CliRunner.RunAsync(Args("440", ok, steps)), "--steps:");
        AssertCleanFailure(await CliRunner.RunAsync(Args("440", PathOf("missing.csv"), "2-7")), "There is no file");
        File.WriteAllLines(PathOf("no-column.csv"), ["id", "57"]);
        AssertCleanFailure(await CliRunner.RunAsync(Args("440", PathOf("no-column.csv"), "2-7")), "has no column country_id");
        File.WriteAllLines(PathOf("bad-data.csv"), ["month_id,country_id,ged_best_sb", "440,57,3"]);
        AssertCleanFailure(await CliRunner.RunAsync(["forecast", "predict", "--data", PathOf("bad-data.csv"), "--last-month", "440", "--countries", ok, "--steps", "2", "--out", PathOf("x.csv")]),
            "lacks the column(s) ged_best_ns, ged_best_os");
        Assert.False(File.Exists(PathOf("x.csv")));

        var notANumber = await CliRunner.RunAsync(Args("soon", ok, "2-7"));
        Assert.NotEqual(0, notANumber.ExitCode);
        Assert.Contains("soon", notANumber.Error);
    }
}
