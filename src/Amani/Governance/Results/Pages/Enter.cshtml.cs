using System.Globalization;
using Amani.Governance.Results.Exchange;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// The data-entry grid of an entered indicator for one period: a row per area of its level (and the whole mission) × each
/// option combination of its disaggregations, prefilled with what is stored. The post goes through
/// <see cref="ValueRules.EnterAsync"/> with the caller's <see cref="ResultsAccess.EntryTestAsync"/>, as the API does: when a
/// row is refused nothing is written and each refusal is shown next to its row. An approved period is shown read-only; a
/// computed indicator has no grid. A partner whose organisation does not report on the indicator gets 404.
/// A CSV file of values (any of the mission's indicators, the columns of <see cref="ValueCsv"/>) is uploaded here too and
/// goes through <see cref="ResultsExchange.ImportCsvAsync"/>, as <c>POST …/results/csv</c>: all its values or none, every
/// refused value listed by its line.
/// </summary>
[PagePermission("results:enter")]
[RequestSizeLimit(ResultsExchange.MaxBodyBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ResultsExchange.MaxBodyBytes)]
public sealed class EnterModel(AmaniDbContext db, IndicatorDetails details, ResultsAccess results, ValueRules rules, ResultsExchange exchange,
    AccessContext access, TimeProvider clock, IStringLocalizer<EnterModel> text) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public Indicator Indicator { get; private set; } = null!;
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Chosen { get; private set; }
    public bool Approved { get; private set; }
    public IReadOnlyList<GridRow> Rows { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The refusals by row index (the <c>Where</c> of each line is <c>row N</c>).</summary>
    public IReadOnlyDictionary<int, List<ValueReject>> Rejects { get; private set; } = new Dictionary<int, List<ValueReject>>();

    /// <summary>Why the uploaded CSV file wrote nothing (null: no file refused).</summary>
    public string? CsvError { get; private set; }
    /// <summary>The refused values of the uploaded file, each named <c>line N</c>.</summary>
    public IReadOnlyList<ValueReject> CsvRejects { get; private set; } = [];

    [BindProperty]
    public List<GridLine> Lines { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? period, int? written, int? unchanged, int? imported, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, period, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (written is not null)
            Done = text["Saved: {0} value(s) written, {1} unchanged.", written.Value, unchanged ?? 0].Value;
        if (imported is not null)
            Done = text["Imported from the file: {0} value(s) written, {1} unchanged.", imported.Value, unchanged ?? 0].Value;
        return Page();
    }

    /// <summary>Imports an uploaded CSV file of values, as the CSV import of the API (the caller's entry rights, all or nothing).</summary>
    public async Task<IActionResult> OnPostCsvAsync(Guid id, string? period, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, period, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (file is null || file.Length == 0)
            return CsvRefused(text["Choose a CSV file to import: nothing was written."].Value, []);
        var mission = await db.Set<Amani.Foundation.Missions.Mission>().AsNoTracking().FirstAsync(m => m.Id == Mission.Id, cancellationToken);
        ExchangeImport import;
        await using (var csv = file.OpenReadStream())
            import = await exchange.ImportCsvAsync(mission, csv, access.UserId, await results.EntryTestAsync(Mission.Id, cancellationToken), cancellationToken);
        if (import.Problem is { } problem)
            return CsvRefused(text["The file cannot be read, nothing was written: {0}", problem].Value, []);
        var result = import.Result!;
        if (!result.Succeeded)
            return CsvRefused(text["Nothing was written: {0} value(s) of the file were refused. Correct the lines below and upload the file again.",
                result.Rejects.Count].Value, result.Rejects);
        return Redirect($"/missions/{Mission.Code}/results/indicators/{Indicator.Id}/enter?{(Chosen is { } chosen ? $"period={chosen.Id}&" : "")}" +
                        $"imported={result.Written}&unchanged={result.Unchanged}");
    }

    private PageResult CsvRefused(string message, IReadOnlyList<ValueReject> rejects)
    {
        CsvError = message;
        CsvRejects = rejects;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? period, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, period, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (Indicator.Computed || Chosen is not { } chosen || Approved)
            return await FailAsync(Approved ? text["This period is approved and locked: nothing was written."].Value
                : text["Nothing was written: values of this indicator are not entered here."].Value, new Dictionary<int, List<ValueReject>>());
        var lines = new List<CodedValueInput>();
        var rejects = new Dictionary<int, List<ValueReject>>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line.Blank && string.IsNullOrWhiteSpace(line.Comment) && !line.FollowUp)
                continue;
            var where = $"row {i + 1}";
            double? Read(string? typed, string field)
            {
                if (string.IsNullOrWhiteSpace(typed))
                    return null;
                if (double.TryParse(typed.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    return number;
                if (double.TryParse(typed.Trim(), NumberStyles.Float, CultureInfo.CurrentCulture, out number))
                    return number;
                (rejects.TryGetValue(i, out var list) ? list : rejects[i] = []).Add(new ValueReject(where, field, text["'{0}' is not a number.", typed].Value));
                return null;
            }
            var input = new ValueInput(chosen.Id, line.Area, line.Disaggregation, Read(line.Value, "value"), Read(line.Numerator, "numerator"),
                Read(line.Denominator, "denominator"), line.Comment, line.FollowUp);
            lines.Add(new CodedValueInput(where, Indicator.Code, input));
        }
        if (rejects.Count > 0)
            return await FailAsync(text["Nothing was written: {0} row(s) refused. Correct them and save again.", rejects.Count].Value, rejects);
        if (lines.Count == 0)
            return await FailAsync(text["Nothing to save: type at least one value."].Value, rejects);
        var outcome = await rules.EnterAsync(Mission.Id, lines, access.UserId, await results.EntryTestAsync(Mission.Id, cancellationToken),
            "the data-entry grid", cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var reject in outcome.Rejects)
            {
                var index = int.TryParse(reject.Where.AsSpan("row ".Length), CultureInfo.InvariantCulture, out var row) ? row - 1 : -1;
                (rejects.TryGetValue(index, out var list) ? list : rejects[index] = []).Add(reject);
            }
            return await FailAsync(text["Nothing was written: {0} row(s) refused. Correct them and save again.", rejects.Count].Value, rejects);
        }
        return Redirect($"/missions/{Mission.Code}/results/indicators/{Indicator.Id}/enter?period={chosen.Id}&written={outcome.Written}&unchanged={outcome.Unchanged}");
    }

    private async Task<IActionResult> FailAsync(string message, Dictionary<int, List<ValueReject>> rejects)
    {
        Error = message;
        Rejects = rejects;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>The indicator (false: not one the caller may read in this mission), its periods, the chosen one and its rows.</summary>
    private async Task<bool> LoadAsync(Guid id, string? period, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (mission, indicator) || mission.Id != Mission.Id)
            return false;
        Indicator = indicator;
        if (indicator.Computed)
            return true;
        Periods = await EntryGrid.PeriodsAsync(db, indicator, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        var today = Period.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), indicator.Frequency);
        Chosen = period is not null && Period.TryParse(period, indicator.Frequency, out var asked, out _) ? asked
            : Periods.Where(p => p.Start <= today.Start).Cast<Period?>().FirstOrDefault() ?? Periods.Cast<Period?>().LastOrDefault();
        if (Chosen is not { } chosen)
            return true;
        Approved = await db.Set<PeriodApproval>().AnyAsync(a => a.IndicatorId == indicator.Id && a.Period == chosen.Id, cancellationToken);
        Rows = await EntryGrid.RowsAsync(db, indicator, chosen, await results.EntryTestAsync(Mission.Id, cancellationToken), cancellationToken);
        return true;
    }
}
