using System.Globalization;
using System.Text;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds.Pages;

/// <summary>One round in the list: the record and the respondents it counts today.</summary>
public sealed record RoundRow(SurveyRoundRecord Round, string XmlFormId, int Respondents);

/// <summary>
/// A survey's rounds for staff (no script): name, form, fieldwork dates, respondents counted, published or not, each
/// linking to its round page; managers also get the form that creates a round through <see cref="RoundBook.CreateAsync"/>
/// (populations typed as the CSV the API imports, read by <see cref="PopulationCsv"/>), as the API's. Gated on
/// surveys:read; a sensitive survey's rounds for its team only (<see cref="RoundAccess"/>).
/// </summary>
[PagePermission("surveys:read")]
public sealed class RoundsModel(RoundAccess access, RoundData data, RoundBook book, AmaniDbContext db) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public RoundScope Scope { get; private set; } = null!;
    public IReadOnlyList<RoundRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Forms { get; private set; } = [];
    public FormErrors Errors { get; } = new();

    [BindProperty] public RoundFields Fields { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, cancellationToken) is { } refused)
            return refused;
        Fields = new RoundFields { XmlFormId = Forms.FirstOrDefault(), MinimumCellSize = RoundRules.DefaultMinimumCellSize };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, cancellationToken) is { } refused)
            return refused;
        if (!Scope.Rights.Manages)
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        var (input, populations) = await Fields.InputAsync(cancellationToken);
        if (populations is not null)
            return Refused("populations", populations, StatusCodes.Status400BadRequest);
        var outcome = await book.CreateAsync(Scope.Survey, input!, Scope.Rights.UserId, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Refused(RoundFields.FieldOf(refusal), refusal.Message, RoundFields.StatusOf(refusal));
        return Redirect($"/missions/{Mission.Code}/surveys/{id}/rounds/{outcome.Value!.Id}");
    }

    private PageResult Refused(string field, string message, int status)
    {
        Errors.Add(field, message);
        return new PageResult { StatusCode = status };
    }

    private async Task<IActionResult?> LoadAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return PageAccess.Status(HttpContext, refused.StatusCode);
        Scope = scope!;
        var forms = await db.Set<SurveyForm>().AsNoTracking().Where(f => f.SurveyId == id).OrderBy(f => f.XmlFormId)
            .Select(f => new { f.Id, f.XmlFormId }).ToListAsync(cancellationToken);
        Forms = forms.Select(f => f.XmlFormId).ToList();
        var rounds = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata).Where(r => r.SurveyId == id)
            .OrderBy(r => r.FieldworkStart).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var rows = new List<RoundRow>();
        foreach (var round in rounds)
        {
            var loaded = await data.LoadAsync(round, cancellationToken);
            rows.Add(new RoundRow(round, forms.FirstOrDefault(f => f.Id == round.FormId)?.XmlFormId ?? "", loaded.Round?.Design.Respondents ?? 0));
        }
        Rows = rows;
        return null;
    }
}

/// <summary>What the design fields (<c>_RoundFields</c>) show: the values, their refusals, the survey's forms.</summary>
public sealed record RoundFieldsView(RoundFields Fields, FormErrors Errors, IReadOnlyList<string> Forms);

/// <summary>The form that creates or changes a round; populations as CSV text (<c>pcode,population</c> with that header).</summary>
public sealed record RoundFields
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? XmlFormId { get; set; }
    public DateOnly? FieldworkStart { get; set; }
    public DateOnly? FieldworkEnd { get; set; }
    public string? StratumQuestion { get; set; }
    public string? ClusterQuestion { get; set; }
    public string? SexQuestion { get; set; }
    public string? AgeQuestion { get; set; }
    public string? ConsentQuestion { get; set; }
    public int? MinimumCellSize { get; set; }
    public bool ApprovedOnly { get; set; }
    public string? Populations { get; set; }

    /// <summary>The fields of <paramref name="round"/> (its form's id given), its strata as the CSV the form takes.</summary>
    public static RoundFields Of(SurveyRoundRecord round, string xmlFormId)
    {
        var counts = round.Strata.Any(s => s.ClustersSampled is not null || s.RespondentsPerCluster is not null);
        var csv = new StringBuilder(counts ? "pcode,population,clusters_sampled,respondents_per_cluster\n" : "pcode,population\n");
        foreach (var stratum in round.Strata.OrderBy(s => s.Pcode, StringComparer.Ordinal))
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{stratum.Pcode},{stratum.Population:R}"))
                .Append(counts ? string.Create(CultureInfo.InvariantCulture, $",{stratum.ClustersSampled},{stratum.RespondentsPerCluster}") : "").Append('\n');
        return new RoundFields
        {
            Name = round.Name, Description = round.Description, XmlFormId = xmlFormId, FieldworkStart = round.FieldworkStart, FieldworkEnd = round.FieldworkEnd,
            StratumQuestion = round.StratumQuestion, ClusterQuestion = round.ClusterQuestion, SexQuestion = round.SexQuestion, AgeQuestion = round.AgeQuestion,
            ConsentQuestion = round.ConsentQuestion, MinimumCellSize = round.MinimumCellSize, ApprovedOnly = round.ApprovedOnly, Populations = csv.ToString(),
        };
    }

    /// <summary>The round's input as the API takes it, or why the populations' CSV could not be read.</summary>
    public async Task<(RoundInput? Input, string? PopulationsProblem)> InputAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StratumInput>? strata = null;
        if (!string.IsNullOrWhiteSpace(Populations))
        {
            var read = await PopulationCsv.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Populations)), cancellationToken);
            if (read.Refusal is { } bad)
                return (null, bad.Message);
            strata = read.Value;
        }
        return (new RoundInput(Name ?? "", Description, XmlFormId ?? "", FieldworkStart, FieldworkEnd, StratumQuestion ?? "", ClusterQuestion ?? "",
            SexQuestion, AgeQuestion, ConsentQuestion, MinimumCellSize, ApprovedOnly, strata), null);
    }

    /// <summary>The field a refusal of the round's rules is shown beside (the strata's: the populations).</summary>
    public static string FieldOf(Refusal refusal) =>
        refusal.Field is { } field && field.StartsWith("strata", StringComparison.Ordinal) ? "populations" : refusal.Field ?? "form";

    public static int StatusOf(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Stale => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
