using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Maps;

/// <summary>
/// The indicator page's map by area: the boundaries of the indicator's admin level (the Areas module's in-memory layers,
/// simplified to the detail asked for) with each area's value in the latest period that has values by area.
/// </summary>
public static class IndicatorMapApi
{
    public sealed record AreaProperties(string PCode, string Name, double? Value);

    public sealed record AreaFeature(string Type, JsonElement Geometry, AreaProperties Properties);

    public sealed record AreaMap(string Type, string? Period, string Unit, IReadOnlyList<AreaFeature> Features);

    public static RouteGroupBuilder MapIndicatorMapApi(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators/{id:guid}/map", MapAsync).WithTags("Results").WithName("IndicatorAreaMap").RequirePermission(Permission.ResultsRead)
            .CompressedAnswer(); // boundaries and figures the caller may read; nothing echoed
        return api;
    }

    private static async Task<Results<Ok<AreaMap>, ProblemHttpResult, ValidationProblem>> MapAsync(Guid id, IndicatorDetails details, AmaniDbContext db,
        BoundaryLayers layers, CancellationToken cancellationToken, string? detail = null)
    {
        var chosen = detail is null ? BoundaryDetail.Coarse : BoundaryDetail.Parse(detail);
        if (chosen is null)
            return Problem.Invalid("detail", $"Give the detail as one of {BoundaryDetail.Names} (coarse when not given).");
        if (await details.FindReadableAsync(id, tracked: false, cancellationToken) is not var (_, indicator))
            return Problem.NotFound($"The indicator {id}");
        if (indicator.AreaLevel is not { } level)
            return TypedResults.Ok(new AreaMap("FeatureCollection", null, indicator.Unit, []));
        var values = db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == indicator.Id && v.AreaCode != "" && v.Disaggregation == "");
        var period = await values.OrderByDescending(v => v.PeriodStart).Select(v => v.Period).FirstOrDefaultAsync(cancellationToken);
        var byArea = period is null ? [] : await values.Where(v => v.Period == period).ToDictionaryAsync(v => v.AreaCode, v => v.Value, cancellationToken);
        var layer = await layers.GetAsync(db, indicator.MissionId, level, chosen, cancellationToken);
        return TypedResults.Ok(new AreaMap("FeatureCollection", period, indicator.Unit, layer.Areas.Select(a => new AreaFeature("Feature", a.Geometry,
            new AreaProperties(a.PCode, a.Name, byArea.TryGetValue(a.PCode, out var value) ? value : null))).ToList()));
    }
}
