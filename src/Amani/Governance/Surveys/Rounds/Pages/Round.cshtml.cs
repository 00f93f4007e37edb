using Amani.Governance.Surveys.Analysis;
using Amani.Platform.Directories;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds.Pages;

/// <summary>
/// A perception survey round for staff (no script): its design, a question picker, the weighted estimates with their 95 %
/// intervals and n by area, sex, age or overall, and the change since the survey's previous round (the latest whose
/// fieldwork ended before this one began). Gated on surveys:read; a sensitive survey's round for its team only.
/// </summary>
[PagePermission("surveys:read")]
public sealed class RoundModel(RoundAccess access, RoundData data, RoundAnalyst analyst, Platform.Data.AmaniDbContext db) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public SurveyRoundRecord Round { get; private set; } = null!;
    /// <summary>The reader manages the mission's surveys: the page links to the round's manage page.</summary>
    public bool Manages { get; private set; }
    public LoadedRound Loaded { get; private set; } = null!;
    public string? Question { get; private set; }
    public string By { get; private set; } = "area";
    public string? Problem { get; private set; }
    public AnalysisResponse? Analysis { get; private set; }
    public SurveyRoundRecord? Previous { get; private set; }
    public IReadOnlyList<ChangeResponse> Changes { get; private set; } = [];

    /// <summary>The label of a question in the page's language when the form has it, else its first label, else its path.</summary>
    public string Label(string path)
    {
        if (!Loaded.Fields.TryGetValue(path, out var field) || field.Labels.Count == 0)
            return path;
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return field.Labels.FirstOrDefault(l => l.Key.EndsWith($"({language})", StringComparison.Ordinal)).Value ?? field.Labels.First().Value;
    }

    public async Task<IActionResult> OnGetAsync(string code, Guid id, Guid roundId, string? question, string? by, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var (round, scope, refused) = await access.RoundAsync(code, id, roundId, false, cancellationToken);
        if (refused is not null)
            return PageAccess.Status(HttpContext, refused.StatusCode);
        (Round, Manages) = (round!, scope!.Rights.Manages);
        Loaded = await data.LoadAsync(Round, cancellationToken);
        if (Loaded.Round is not { } analysed)
        {
            Problem = string.Join(" ", Loaded.Problems.Take(3).Select(p => p.Message));
            return Page();
        }
        By = by is "sex" or "age" or "all" ? by : "area";
        Question = analysed.Questions.Any(q => q.Name == question) ? question
            : analysed.Questions.FirstOrDefault(q => q.Kind == QuestionKind.SelectOne && q.Name != Round.StratumQuestion && q.Name != Round.ConsentQuestion
                                                     && q.Name != Round.SexQuestion)?.Name ?? analysed.Questions.FirstOrDefault()?.Name;
        if (Question is null)
            return Page();
        var ask = new RoundQuestion(Question, By == "all" ? null : By, null);
        var outcome = await analyst.AnalyseAsync(Round, ask, 1, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            Problem = refusal.Message;
            return Page();
        }
        Analysis = RoundAnalyst.Response(Round, ask, outcome.Value!.Loaded, outcome.Value.Analysis);
        Previous = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata)
            .Where(r => r.SurveyId == Round.SurveyId && r.Id != Round.Id && r.FieldworkEnd < Round.FieldworkStart)
            .OrderByDescending(r => r.FieldworkEnd).FirstOrDefaultAsync(cancellationToken);
        if (Previous is not null && await analyst.AnalyseAsync(Previous, ask, 1, cancellationToken) is { Value: { } before })
            Changes = RoundComparison.Compare(before.Analysis, outcome.Value.Analysis).Select(RoundAnalyst.Change).ToList();
        return Page();
    }
}
