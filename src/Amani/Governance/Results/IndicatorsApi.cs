using Amani.Foundation.Missions;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Measures;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>The indicators' endpoints: the list (a contract), an indicator, its targets, values and approvals, and the measures.</summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/measures", Measures).WithTags("Results").WithName("ListMeasures").RequirePermission(Permission.ResultsRead);
        var mission = api.MapGroup("/missions/{code}").WithTags("Results");
        mission.MapGet("/indicators", List).WithName("ListIndicators").RequirePermission(Permission.ResultsRead);
        mission.MapPost("/indicators", Create).WithName("CreateIndicator").RequirePermission(Permission.ResultsManage);
        mission.MapPost("/results/recompute", Recompute).WithName("RecomputeIndicators").RequirePermission(Permission.ResultsManage);
        var indicator = api.MapGroup("/indicators/{id:guid}").WithTags("Results");
        indicator.MapGet("/", Get).WithName("GetIndicator").RequirePermission(Permission.ResultsRead);
        indicator.MapPut("/", Update).WithName("UpdateIndicator").RequirePermission(Permission.ResultsManage);
        indicator.MapPut("/targets", SetTargets).WithName("SetIndicatorTargets").RequirePermission(Permission.ResultsManage);
        indicator.MapGet("/values", Values).WithName("ListIndicatorValues").RequirePermission(Permission.ResultsRead);
        indicator.MapPost("/values", Enter).WithName("EnterIndicatorValues").RequirePermission(Permission.ResultsEnter);
        indicator.MapPost("/approvals", Approve).WithName("ApproveIndicatorPeriod").RequirePermission(Permission.ResultsRead);
        indicator.MapPost("/approvals/{period}/unlock", Unlock).WithName("UnlockIndicatorPeriod").RequirePermission(Permission.ResultsRead);
        return api;
    }

    private static Ok<IReadOnlyList<MeasureView>> Measures(MeasureCatalog measures) =>
        TypedResults.Ok<IReadOnlyList<MeasureView>>(measures.All
            .Select(m => new MeasureView(m.Key, m.Source, m.Name.In(System.Globalization.CultureInfo.CurrentUICulture), m.Formula.In(System.Globalization.CultureInfo.CurrentUICulture),
                m.Aggregation, m.Unit, m.Group, m.Parameters)).ToList());

    public sealed record MeasureView(string Key, string Source, string Name, string Formula, MeasureAggregation Aggregation, string Unit, string? Group,
        IReadOnlyList<MeasureParameter> Parameters);

    /// <summary>Every indicator the caller may read, by code, with its latest values (the mission's total and each area's) against its target.</summary>
    private static async Task<Results<Ok<IReadOnlyList<IndicatorSummary>>, ProblemHttpResult>> List(string code, AmaniDbContext db, AccessContext access,
        ResultsAccess results, IndicatorViews views, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var indicators = await (await results.ReadableAsync(mission.Id, cancellationToken)).AsNoTracking().OrderBy(i => i.Code).ToListAsync(cancellationToken);
        var summaries = await views.SummariesAsync(indicators, withAreas: true, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IndicatorSummary>>(indicators.Select(i => summaries[i.Id]).ToList());
    }

    private static async Task<Results<Created<IndicatorResponse>, ProblemHttpResult, ValidationProblem>> Create(string code, IndicatorInput input,
        AmaniDbContext db, AccessContext access, IndicatorRules rules, IndicatorDetails details, HttpContext http, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var result = await rules.CreateAsync(mission.Id, input, cancellationToken);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        Announce(http, result.Value!);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Created($"/api/v1/indicators/{result.Value.Id}", await details.OfAsync(result.Value, cancellationToken));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> Recompute(string code, AmaniDbContext db, AccessContext access,
        IEnumerable<IMeasureSource> sources, MeasureChanges changes, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        foreach (var source in sources)
            changes.Changed(mission.Id, source.Source);
        return TypedResults.Accepted($"/api/v1/missions/{mission.Code}/indicators");
    }

    private static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult>> Get(Guid id, IndicatorDetails details, HttpContext http, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (_, indicator))
            return Problem.NotFound($"The indicator {id}");
        http.Response.Headers.ETag = Versioning.ETag(indicator.Version);
        return TypedResults.Ok(await details.OfAsync(indicator, cancellationToken));
    }

    private static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult, ValidationProblem>> Update(Guid id, IndicatorInput input, IndicatorDetails details,
        IndicatorRules rules, AccessContext access, HttpContext http, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: true, cancellationToken) is not var (mission, indicator)
            || !await access.HasAsync(Permission.ResultsManage, mission.Id, cancellationToken))
            return Problem.NotFound($"The indicator {id}");
        return await VersionedAsync(http, details, indicator, expected => rules.UpdateAsync(indicator, expected, input, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult, ValidationProblem>> SetTargets(Guid id, IReadOnlyList<TargetInput> targets,
        IndicatorDetails details, IndicatorPeriods periods, AccessContext access, HttpContext http, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: true, cancellationToken) is not var (mission, indicator)
            || !await access.HasAsync(Permission.ResultsManage, mission.Id, cancellationToken))
            return Problem.NotFound($"The indicator {id}");
        return await VersionedAsync(http, details, indicator, expected => periods.SetTargetsAsync(indicator, expected, targets, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Ok<IReadOnlyList<ValueResponse>>, ProblemHttpResult, ValidationProblem>> Values(Guid id, string? from, string? until, string? area,
        IndicatorDetails details, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (_, indicator))
            return Problem.NotFound($"The indicator {id}");
        Period? first = null, last = null;
        if (from is not null && !Period.TryParse(from, indicator.Frequency, out first, out var fromProblem))
            return Problem.Invalid("from", fromProblem);
        if (until is not null && !Period.TryParse(until, indicator.Frequency, out last, out var untilProblem))
            return Problem.Invalid("until", untilProblem);
        return TypedResults.Ok(await details.ValuesAsync(indicator, first?.Start, last?.End, area, cancellationToken));
    }

    private static async Task<Results<Ok<ValueBatchResult>, ProblemHttpResult>> Enter(Guid id, IReadOnlyList<ValueInput> values, IndicatorDetails details,
        ValueRules rules, ResultsAccess results, AccessContext access, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (mission, indicator))
            return Problem.NotFound($"The indicator {id}");
        var lines = values.Select((v, i) => new CodedValueInput($"values[{i}]", indicator.Code, v)).ToList();
        var outcome = await rules.EnterAsync(mission.Id, lines, access.UserId, await results.EntryTestAsync(mission.Id, cancellationToken), "the API", cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome) : Rejected(outcome.Rejects);
    }

    /// <summary>The problem of a refused batch: 400, the first reject in the detail, all of them in <c>rejects</c>.</summary>
    public static ProblemHttpResult Rejected(IReadOnlyList<ValueReject> rejects) =>
        Problem.Of(ProblemType.Validation, $"Nothing was written: {rejects.Count} value(s) refused. {rejects[0].Where}, {rejects[0].Field}: {rejects[0].Message}",
            new Dictionary<string, object?> { ["rejects"] = rejects });

    private static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult, ValidationProblem>> Approve(Guid id, ApprovalInput input, IndicatorDetails details,
        IndicatorPeriods periods, AccessContext access, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (mission, indicator))
            return Problem.NotFound($"The indicator {id}");
        var result = await periods.ApproveAsync(indicator, input.Period, access.UserId!.Value,
            await access.HasAsync(Permission.ResultsManage, mission.Id, cancellationToken), cancellationToken);
        return result.Refusal is { } refused ? Problem.Of(refused) : TypedResults.Ok(await details.OfAsync(indicator, cancellationToken));
    }

    private static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult, ValidationProblem>> Unlock(Guid id, string period, ApprovalInput input,
        IndicatorDetails details, IndicatorPeriods periods, AccessContext access, CancellationToken cancellationToken)
    {
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (mission, indicator))
            return Problem.NotFound($"The indicator {id}");
        var result = await periods.UnlockAsync(indicator, period, input.Reason, access.UserId!.Value,
            await access.HasAsync(Permission.ResultsManage, mission.Id, cancellationToken), cancellationToken);
        return result.Refusal is { } refused ? Problem.Of(refused) : TypedResults.Ok(await details.OfAsync(indicator, cancellationToken));
    }

    private static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult, ValidationProblem>> VersionedAsync(HttpContext http, IndicatorDetails details,
        Indicator indicator, Func<int, Task<Outcome<Indicator>>> change, CancellationToken cancellationToken)
    {
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the indicator's ETag in If-Match (GET the indicator to read it).");
        var result = await change(expected);
        if (result.Refusal is { } refused)
            return Problem.Of(refused);
        Announce(http, result.Value!);
        http.Response.Headers.ETag = Versioning.ETag(result.Value!.Version);
        return TypedResults.Ok(await details.OfAsync(result.Value, cancellationToken));
    }

    /// <summary>A computed indicator was created or changed: have it computed now rather than at the next scheduled pass.</summary>
    private static void Announce(HttpContext http, Indicator indicator)
    {
        if (indicator.MeasureKey is { } key)
            http.RequestServices.GetRequiredService<MeasureChanges>().Changed(indicator.MissionId, key.Split('.')[0]);
    }
}
