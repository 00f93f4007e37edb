using Amani.Platform.Cli;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Models;
using Amani.Analysis.Forecasting.Series;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Forecasting;

/// <summary>
/// <c>./amani forecast evaluate|predict</c>: the forecasting engine on a ViEWS country-month CSV. Both work on files
/// only (no database): <c>evaluate</c> scores every model under a protocol, <c>predict</c> forecasts from one origin.
/// </summary>
public static class ForecastCommands
{
    public static Command Build() => new("forecast", "Conflict forecasts (state-based deaths per unit and month): evaluate and predict from a ViEWS CSV, generate a mission's.")
    {
        Evaluate(), Predict(), Generate(),
    };

    /// <summary><c>./amani forecast generate --mission M [--cut-off YYYY-MM]</c>: what the server's hourly pass does, for one mission, now.</summary>
    private static Command Generate()
    {
        var mission = new Option<string>("--mission") { Description = "Code of the mission, e.g. MINUSCA.", Required = true };
        var cutoff = new Option<string?>("--cut-off")
        {
            Description = "Forecast from the data up to this month (YYYY-MM; default: the last complete month). Earlier cut-offs make hindcasts, scored at once.",
        };
        var command = new Command("generate", "Make and store a mission's forecasts (country and admin-1 areas, every model, steps 1–12), then score those whose month has arrived.")
        {
            mission, cutoff,
        };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var code = parse.GetValue(mission)!.Trim().ToUpperInvariant();
            var db = services.GetRequiredService<Amani.Platform.Data.AmaniDbContext>();
            if (await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct) is not { } found)
                return CliHost.Fail($"There is no mission {code} (see `./amani missions list`).");
            int? month = null;
            if (parse.GetValue(cutoff) is { } text)
            {
                if (!Amani.Analysis.Forecasting.Missions.ForecastMonths.TryParse(text, out var parsed))
                    return CliHost.Fail($"--cut-off: '{text}' is not a month: write YYYY-MM, e.g. 2020-08.");
                month = parsed;
            }
            var clock = Stopwatch.StartNew();
            var outcomes = await services.GetRequiredService<Amani.Analysis.Forecasting.Missions.ForecastGenerator>().GenerateAsync(found, month, ct);
            foreach (var outcome in outcomes)
                Console.WriteLine(outcome.Skipped is { } reason
                    ? $"{outcome.Kind}: no forecasts made. {reason}"
                    : $"{outcome.Kind}: {outcome.Stored} forecast(s) stored from the data up to {Amani.Analysis.Forecasting.Missions.ForecastMonths.Format(outcome.Cutoff!.Value)}" +
                      (outcome.Stored == 0 ? " (they were stored already)." : "."));
            var scored = await services.GetRequiredService<Amani.Analysis.Forecasting.Missions.ForecastScorer>().ScoreAsync(found, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scored} forecast(s) scored; {clock.Elapsed.TotalSeconds:F1} s."));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Option<FileInfo> DataOption() =>
        new("--data") { Description = "ViEWS country-month CSV (month_id, country_id, ged_best_sb/ns/os, optional ged_count_sb/ns/os).", Required = true };

    private static Command Evaluate()
    {
        var protocol = new Option<string>("--protocol")
        {
            Description = $"The scoring window: {string.Join(", ", EvaluationWindow.Named.Select(w => $"{w.Name} (targets {w.FirstTarget}–{w.LastTarget}, steps {w.MinStep}–{w.MaxStep})"))}.",
            Required = true,
        };
        protocol.AcceptOnlyFromAmong(EvaluationWindow.Named.Select(w => w.Name).ToArray());
        var data = DataOption();
        var countries = new Option<FileInfo?>("--countries") { Description = "CSV with a country_id column: the countries scored (default: the protocol's 54 African countries)." };
        var models = new Option<string?>("--models") { Description = $"Comma-separated models to evaluate (default: all: {string.Join(", ", ForecastModels.Names)})." };
        var refit = new Option<int>("--refit-every")
        {
            Description = "Re-fit the learned model every N forecast origins (1 = at every origin); between fits it forecasts with an earlier fit, which saw less data.",
            DefaultValueFactory = _ => GradientBoostedModel.DefaultRefitEvery,
        };
        var parallelism = new Option<int>("--parallelism") { Description = "Fits run at once (default: the number of processors).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var forecasts = new Option<FileInfo?>("--forecasts") { Description = "Also write every scored forecast to this CSV (model,country_id,origin,step,month_id,actual,prediction)." };
        var command = new Command("evaluate", "Score every model under a protocol: MSE and TADDA₁ (ε = 0.048) of the forecast log change of state-based deaths.")
        {
            protocol, data, countries, models, refit, parallelism, forecasts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var window = EvaluationWindow.Find(parse.GetValue(protocol)!)!;
            if (parse.GetValue(refit) is < 1 or > 120)
                return CliHost.Fail("--refit-every must be between 1 and 120.");
            if (parse.GetValue(parallelism) is < 1 or > 64)
                return CliHost.Fail("--parallelism must be between 1 and 64.");
            var chosen = new List<IForecastModel>();
            foreach (var name in (parse.GetValue(models) ?? string.Join(',', ForecastModels.Names)).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ForecastModels.Find(name) is not { } model)
                    return CliHost.Fail($"--models: there is no model '{name}'; the models are {string.Join(", ", ForecastModels.Names)}.");
                chosen.Add(model);
            }
            if (chosen.Count == 0)
                return CliHost.Fail($"--models: name at least one of {string.Join(", ", ForecastModels.Names)}.");
            var clock = Stopwatch.StartNew();
            var panel = await CountryMonthCsv.LoadAsync(parse.GetValue(data)!.FullName, TimeProvider.System, cancellationToken);
            if (!panel.Succeeded)
                return CliHost.Fail(panel.Error!);
            var units = EvaluationWindow.Views2020Countries;
            if (parse.GetValue(countries) is { } file)
            {
                var list = await UnitListCsv.LoadAsync(file.FullName, cancellationToken);
                if (!list.Succeeded)
                    return CliHost.Fail(list.Error!);
                units = list.Value!;
            }
            if (ProtocolEvaluator.CheckCoverage(panel.Value!, units, window) is { } problem)
                return CliHost.Fail(problem);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{window.Name}: targets {ForecastRun.Describe(window.FirstTarget)} to {ForecastRun.Describe(window.LastTarget)}, steps {window.MinStep}–{window.MaxStep}, " +
                $"{units.Count} units, {(window.LastTarget - window.FirstTarget + 1) * (window.MaxStep - window.MinStep + 1) * units.Count:N0} forecasts per model; " +
                $"a forecast from origin o uses months ≤ o only."));
            Console.WriteLine($"{"model",-14} {"MSE",9} {"TADDA1",9} {"fits",5} {"seconds",8}  version");
            var evaluations = new List<ModelEvaluation>();
            foreach (var model in chosen)
            {
                var every = model is GradientBoostedModel ? parse.GetValue(refit) : window.LastOrigin - window.FirstOrigin + 1;
                var evaluation = ProtocolEvaluator.Evaluate(panel.Value!, units, window, model, every, parse.GetValue(parallelism), cancellationToken);
                evaluations.Add(evaluation);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{model.Name,-14} {evaluation.MeanSquaredError,9:F5} {evaluation.Tadda,9:F5} {evaluation.Fits,5} {evaluation.Elapsed.TotalSeconds,8:F1}  {model.Version}"));
            }
            Console.WriteLine();
            Console.WriteLine("predictive distributions (deaths in the target month): Brier scores of P(≥1), P(≥25), P(≥100); share inside the 90% interval");
            Console.WriteLine($"{"model",-14} {"Brier≥1",9} {"Brier≥25",9} {"Brier≥100",9} {"cover90",8}");
            foreach (var e in evaluations)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Model,-14} {e.Brier(1),9:F4} {e.Brier(25),9:F4} {e.Brier(100),9:F4} {e.Coverage90,8:F3}"));
            if (parse.GetValue(forecasts) is { } output)
                await WriteScoredAsync(output.FullName, evaluations, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {clock.Elapsed.TotalSeconds:F1} s (reading the data included)"));
            return 0;
        });
        return command;
    }

    private static async Task WriteScoredAsync(string path, List<ModelEvaluation> evaluations, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("model,country_id,origin,step,month_id,actual,prediction\n");
        foreach (var evaluation in evaluations)
            foreach (var f in evaluation.Forecasts)
                text.Append(CultureInfo.InvariantCulture, $"{evaluation.Model},{f.UnitId},{f.Origin},{f.Step},{f.TargetMonth},{f.Actual:R},{f.Predicted:R}\n");
        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    private static Command Predict()
    {
        var data = DataOption();
        var lastMonth = new Option<int>("--last-month") { Description = "The forecast origin: the last month_id the forecast may use (rows after it are ignored).", Required = true };
        var countries = new Option<FileInfo>("--countries") { Description = "CSV with a country_id column: the countries to forecast.", Required = true };
        var steps = new Option<string>("--steps") { Description = $"Months ahead: N, A-B or a comma-separated list, from {ForecastHorizon.MinStep} to {ForecastHorizon.MaxStep} (e.g. 2-7).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "CSV to write: month_id,country_id,step,prediction (replaced if it exists).", Required = true };
        var model = new Option<string>("--model") { Description = $"The model: {string.Join(", ", ForecastModels.Names)}.", DefaultValueFactory = _ => ForecastModels.Learned };
        model.AcceptOnlyFromAmong(ForecastModels.Names.ToArray());
        var distribution = new Option<bool>("--distribution")
        {
            Description = "Add the predictive distribution: deaths (point), p_ge_1, p_ge_25, p_ge_100 and the quantiles q05 … q95 of deaths.",
        };
        var command = new Command("predict", "Forecast ln(1 + sb[M+step]) − ln(1 + sb[M]) for each country and step from the data up to month M.")
        {
            data, lastMonth, countries, steps, output, model, distribution,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!StepList.TryParse(parse.GetValue(steps), out var stepList, out var stepError))
                return CliHost.Fail($"--steps: {stepError}");
            var panel = await CountryMonthCsv.LoadAsync(parse.GetValue(data)!.FullName, TimeProvider.System, cancellationToken);
            if (!panel.Succeeded)
                return CliHost.Fail(panel.Error!);
            var units = await UnitListCsv.LoadAsync(parse.GetValue(countries)!.FullName, cancellationToken);
            if (!units.Succeeded)
                return CliHost.Fail(units.Error!);
            var chosen = ForecastModels.Find(parse.GetValue(model)!)!;
            var clock = Stopwatch.StartNew();
            var result = ForecastRun.Make(panel.Value!, chosen, parse.GetValue(lastMonth), units.Value!, stepList, cancellationToken);
            if (!result.Succeeded)
                return CliHost.Fail($"{OptionFor(result.Field)}{result.Error}");
            var file = parse.GetValue(output)!;
            await WriteForecastsAsync(file.FullName, result.Value!, parse.GetValue(distribution), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Value!.Count} forecast(s) ({units.Value!.Count} countries × {stepList.Count} steps) from {ForecastRun.Describe(parse.GetValue(lastMonth))} " +
                $"by {chosen.Version} written to {file.FullName} in {clock.Elapsed.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }

    private static string OptionFor(string? field) => field switch
    {
        "lastMonth" => "--last-month: ",
        "units" => "--countries: ",
        "steps" => "--steps: ",
        "data" => "--data: ",
        _ => "",
    };

    private static async Task WriteForecastsAsync(string path, IReadOnlyList<Forecast> forecasts, bool withDistribution, CancellationToken cancellationToken)
    {
        var levels = PredictiveDistribution.ReportedLevels;
        var text = new StringBuilder("month_id,country_id,step,prediction");
        if (withDistribution)
            text.Append(",deaths,p_ge_1,p_ge_25,p_ge_100,").AppendJoin(',', levels.Select(l => string.Create(CultureInfo.InvariantCulture, $"q{l * 100:00}")));
        text.Append('\n');
        foreach (var f in forecasts.OrderBy(f => f.Step).ThenBy(f => f.UnitId.Length).ThenBy(f => f.UnitId, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.TargetMonth},{f.UnitId},{f.Step},{f.LogChange:0.######}");
            if (withDistribution)
            {
                text.Append(CultureInfo.InvariantCulture, $",{f.Deaths:0.##}");
                foreach (var threshold in ForecastHorizon.Thresholds)
                    text.Append(CultureInfo.InvariantCulture, $",{f.ProbabilityAtLeast(threshold):0.####}");
                foreach (var level in levels)
                    text.Append(CultureInfo.InvariantCulture, $",{f.Distribution.Quantile(level):0.##}");
            }
            text.Append('\n');
        }
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text.ToString(), cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
