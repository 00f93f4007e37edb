using Amani.Governance.Results.Assessments;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// One assessment: its frame, findings with their evidence (indicators and records, each a link), the rating of each
/// objective, and its recommendations with the leadership's decision, their follow-up and the plan changes they caused.
/// A planning officer (results:manage) adds a recommendation to a draft, records a decision and adapts the plan — through
/// <see cref="RecommendationRules"/>, as the API (the page's form carries the assessment's version as If-Match would).
/// While the assessment is a draft, the planning officer also edits its frame, adds and edits findings with their evidence (indicators
/// chosen from the mission's, records given as "kind id" lines), rates each objective of the plan version and makes the
/// assessment final — through <see cref="AssessmentRules"/>, as the API; a refusal is shown in the form it came from,
/// with what was typed.
/// </summary>
[PagePermission("results:read")]
public sealed class AssessmentModel(AmaniDbContext db, AssessmentViews views, RecommendationRules rules, AssessmentRules assessments, AccessContext access,
    IPeopleDirectory people) : PageModel
{
    /// <summary>An indicator that a finding may cite.</summary>
    public sealed record IndicatorChoice(Guid Id, string Code, string Name);

    /// <summary>An objective of the plan version assessed, with its rating (null: not rated).</summary>
    public sealed record ObjectiveLine(Guid Key, string Code, string Name, ObjectiveRatingValue? Rating, string? Comment);

    /// <summary>One line of the ratings form.</summary>
    public sealed class RatingLine
    {
        public Guid NodeKey { get; set; }
        public ObjectiveRatingValue? Rating { get; set; }
        public string? Comment { get; set; }
    }

    /// <summary>A finding's form as posted: which form (<c>finding</c> for a new one, else the finding's id), its text, indicators and record lines.</summary>
    public sealed record FindingForm(string Form, string? Text, IReadOnlyList<Guid> Indicators, string? Records);

    /// <summary>The frame's form as posted (kept when refused).</summary>
    public sealed record FrameForm(string? Title, DateOnly? PeriodFrom, DateOnly? PeriodUntil, string? Scope, string? Method, string? Team);

    public MissionEntry Mission { get; private set; } = null!;
    public AssessmentResponse Assessment { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public IReadOnlyList<PersonEntry> Members { get; private set; } = [];
    public IReadOnlyList<IndicatorChoice> Indicators { get; private set; } = [];
    public IReadOnlyList<ObjectiveLine> Objectives { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The form a refusal came from (<c>frame</c>, <c>finding</c>, a finding's id, <c>ratings</c>, <c>finalize</c>) and the field it names.</summary>
    public (string Form, string Field)? FormError { get; private set; }
    /// <summary>The finding typed in the refused form (kept for it).</summary>
    public FindingForm? PostedFinding { get; private set; }
    /// <summary>The frame typed in the refused form.</summary>
    public FrameForm? PostedFrame { get; private set; }
    /// <summary>The ratings typed in the refused form, by objective.</summary>
    public IReadOnlyDictionary<Guid, RatingLine>? PostedRatings { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, tracked: false, cancellationToken);
        if (found.Refusal is { } refused)
            return Refused(refused);
        Done = done;
        await LoadAsync(found.Value!, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRecommendAsync(Guid id, int version, string? text, Guid? owner, DateOnly? dueOn, CancellationToken cancellationToken) =>
        ActAsync(id, "recommended", async a => (await rules.AddAsync(a, version, new RecommendationInput(text, owner, dueOn), cancellationToken)).Refusal,
            cancellationToken);

    public Task<IActionResult> OnPostDecideAsync(Guid id, Guid recommendation, int version, RecommendationDecision? decision, string? reason, DateOnly? dueOn,
        CancellationToken cancellationToken) =>
        ActAsync(id, "decided", async a =>
        {
            if (await db.Set<Recommendation>().FirstOrDefaultAsync(r => r.Id == recommendation && r.AssessmentId == a.Id, cancellationToken) is not { } r)
                return Refusal.NotFound($"The assessment has no recommendation {recommendation}.");
            return (await rules.DecideAsync(Mission, a, r, version, new DecisionInput(decision, reason, dueOn), access.UserId!.Value, cancellationToken)).Refusal;
        }, cancellationToken);

    /// <summary>The frame of a draft (title, period, scope, method, team), through <see cref="AssessmentRules.UpdateAsync"/> as <c>PUT …/assessments/{id}</c>.</summary>
    public Task<IActionResult> OnPostFrameAsync(Guid id, int version, string? title, DateOnly? periodFrom, DateOnly? periodUntil, string? scope, string? method,
        string? team, CancellationToken cancellationToken)
    {
        PostedFrame = new FrameForm(title, periodFrom, periodUntil, scope, method, team);
        return ActAsync(id, "framed", async a => (await assessments.UpdateAsync(a, version, new AssessmentInput(title, periodFrom, periodUntil, scope, method, team, null),
            cancellationToken)).Refusal, cancellationToken, "frame");
    }

    public Task<IActionResult> OnPostFindingAsync(Guid id, int version, string? text, Guid[]? indicators, string? records,
        CancellationToken cancellationToken)
    {
        PostedFinding = new FindingForm("finding", text, indicators ?? [], records);
        return ActAsync(id, "finding", async a => Evidence(indicators, records, out var evidence) is { } bad ? bad
            : (await assessments.AddFindingAsync(a, version, new FindingInput(text, evidence), cancellationToken)).Refusal, cancellationToken, "finding");
    }

    public Task<IActionResult> OnPostEditFindingAsync(Guid id, Guid finding, int version, string? text, Guid[]? indicators, string? records,
        CancellationToken cancellationToken)
    {
        PostedFinding = new FindingForm(finding.ToString(), text, indicators ?? [], records);
        return ActAsync(id, "finding-changed", async a => Evidence(indicators, records, out var evidence) is { } bad ? bad
            : (await assessments.UpdateFindingAsync(a, version, finding, new FindingInput(text, evidence), cancellationToken)).Refusal, cancellationToken,
            finding.ToString());
    }

    /// <summary>The ratings form: an objective left without a rating and comment is not rated (the ratings replace the previous ones).</summary>
    public Task<IActionResult> OnPostRatingsAsync(Guid id, int version, List<RatingLine>? ratings, CancellationToken cancellationToken)
    {
        var lines = ratings ?? [];
        PostedRatings = lines.GroupBy(r => r.NodeKey).ToDictionary(g => g.Key, g => g.First());
        var given = lines.Where(r => r.Rating is not null || !string.IsNullOrWhiteSpace(r.Comment))
            .Select(r => new RatingInput(r.NodeKey, r.Rating, r.Comment)).ToList();
        return ActAsync(id, "rated", async a => (await assessments.SetRatingsAsync(a, version, given, cancellationToken)).Refusal, cancellationToken, "ratings");
    }

    public Task<IActionResult> OnPostFinalizeAsync(Guid id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, "finalized", async a => (await assessments.FinalizeAsync(a, version, cancellationToken)).Refusal, cancellationToken, "finalize");

    /// <summary>
    /// The evidence of a finding's form: the indicators chosen, then one record a line, its kind and id separated by a
    /// space (<c>incident 0190…</c>). A line that is not a kind and an id is refused here; what they cite is the rules' to judge.
    /// </summary>
    private static Refusal? Evidence(Guid[]? indicators, string? records, out List<EvidenceInput> evidence)
    {
        evidence = (indicators ?? []).Distinct().Select(i => new EvidenceInput(i, null, null)).ToList();
        foreach (var line in (records ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !Guid.TryParse(parts[1], out var record))
                return Refusal.Invalid("evidence", $"Write each record as its kind and id separated by a space (incident 0190…): '{line}' is not.");
            evidence.Add(new EvidenceInput(null, parts[0], record));
        }
        return null;
    }

    public async Task<IActionResult> OnPostAdaptAsync(Guid id, CancellationToken cancellationToken)
    {
        Plans.Plan? plan = null;
        var result = await ActAsync(id, "adapted", async a =>
        {
            var adapted = await rules.AdaptAsync(a, access.UserId!.Value, cancellationToken);
            plan = adapted.Value;
            return adapted.Refusal;
        }, cancellationToken);
        return plan is not null ? Redirect($"/missions/{Uri.EscapeDataString(Mission.Code)}/results?version={plan.Number}") : result;
    }

    /// <param name="form">The form posted, when its refusal is to be shown in it (else at the top of the page).</param>
    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Assessment, Task<Refusal?>> act, CancellationToken cancellationToken,
        string? form = null)
    {
        var found = await FindAsync(id, tracked: true, cancellationToken);
        if (found.Refusal is { } notFound)
            return Refused(notFound);
        if (!await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        if (await act(found.Value!) is not { } refused)
            return Redirect($"/missions/{Uri.EscapeDataString(Mission.Code)}/results/assessments/{id}?done={done}");
        db.ChangeTracker.Clear();
        Error = refused.Message;
        if (form is not null)
            FormError = (form, refused.Field ?? "form");
        await LoadAsync((await FindAsync(id, tracked: false, cancellationToken)).Value!, cancellationToken);
        return new PageResult
        {
            StatusCode = refused.Kind switch
            {
                RefusalKind.NotAllowed => StatusCodes.Status403Forbidden,
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Conflict or RefusalKind.Stale => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            },
        };
    }

    private async Task<Outcome<Assessment>> FindAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var found = await views.FindAsync(id, Permission.ResultsRead, tracked, cancellationToken);
        return found.Value is { } a && a.MissionId != Mission.Id ? Refusal.NotFound("Not in this mission.") : found;
    }

    private IActionResult Refused(Refusal refused) => PageAccess.Status(HttpContext,
        refused.Kind == RefusalKind.NotAllowed ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);

    private async Task LoadAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        Assessment = await views.OfAsync(assessment, cancellationToken);
        CanManage = await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken);
        if (CanManage)
            Members = await people.MembersAsync(Mission.Id, 500, cancellationToken);
        var rated = Assessment.Ratings.ToDictionary(r => r.NodeKey);
        Objectives = (await db.Set<Plans.PlanNode>().AsNoTracking().Where(n => n.PlanId == assessment.PlanId && n.Level == Plans.PlanLevel.Objective)
                .Select(n => new { n.Key, n.Code, n.Name, n.Position }).ToListAsync(cancellationToken))
            .OrderBy(n => n.Code, StringComparer.Ordinal)
            .Select(n => new ObjectiveLine(n.Key, n.Code, n.Name, rated.GetValueOrDefault(n.Key)?.Rating, rated.GetValueOrDefault(n.Key)?.Comment)).ToList();
        if (CanManage && assessment.Status == AssessmentStatus.Draft)
            Indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == Mission.Id).OrderBy(i => i.Code)
                .Select(i => new IndicatorChoice(i.Id, i.Code, i.Name)).Take(MaxIndicators).ToListAsync(cancellationToken);
    }

    /// <summary>The most indicators the findings' forms offer (a plan holds a few hundred).</summary>
    public const int MaxIndicators = 2000;
}
