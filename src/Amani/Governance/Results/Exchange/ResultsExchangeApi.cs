using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Amani.Governance.Results.Exchange;

/// <summary>
/// <c>GET|POST /api/v1/missions/{code}/results/dhis2</c> (DHIS2 <c>dataValueSets</c> JSON) and
/// <c>GET|POST /api/v1/missions/{code}/results/csv</c> (CSV, sent as the raw body): exports of the values of the
/// indicators the caller may read (results:read; filtered by <c>from</c>, <c>until</c> and <c>indicator</c>), imports
/// of values the caller may enter (results:enter; a partner only for the indicators its organisation reports on, in its
/// areas). An import answers 200 <c>{written, unchanged}</c>, or 400 with every refused line in <c>rejects</c>
/// (<c>[{where, field, message}]</c>) and nothing written. Bodies up to <see cref="ResultsExchange.MaxBodyBytes"/>.
/// </summary>
public static class ResultsExchangeApi
{
    public static RouteGroupBuilder MapResultsExchangeApi(this RouteGroupBuilder api)
    {
        var results = api.MapGroup("/missions/{code}/results").WithTags("Results exchange");
        results.MapGet("/dhis2", (string code, string? from, string? until, string[]? indicator, bool? computed, AmaniDbContext db, AccessContext access,
                ResultsAccess readers, ResultsExchange exchange, TimeProvider clock, CancellationToken cancellationToken) =>
                ExportAsync(ExchangeFormat.Dhis2, code, ExchangeFilter.Read(from, until, indicator, computed ?? true), db, access, readers, exchange, clock,
                    cancellationToken))
            .WithName("ExportResultsDhis2").RequirePermission(Permission.ResultsRead);
        results.MapGet("/csv", (string code, string? from, string? until, string[]? indicator, bool? computed, AmaniDbContext db, AccessContext access,
                ResultsAccess readers, ResultsExchange exchange, TimeProvider clock, CancellationToken cancellationToken) =>
                ExportAsync(ExchangeFormat.Csv, code, ExchangeFilter.Read(from, until, indicator, computed ?? true), db, access, readers, exchange, clock,
                    cancellationToken))
            .WithName("ExportResultsCsv").RequirePermission(Permission.ResultsRead);
        // No Accepts(): the caller is authenticated before the content type is judged.
        results.MapPost("/dhis2", (string code, HttpContext http, AmaniDbContext db, AccessContext access, ResultsAccess enterers,
                ResultsExchange exchange, CancellationToken cancellationToken) =>
                ImportAsync(ExchangeFormat.Dhis2, code, http, db, access, enterers, exchange, cancellationToken))
            .WithName("ImportResultsDhis2").RequirePermission(Permission.ResultsEnter)
            .WithMetadata(new RequestSizeLimitAttribute(ResultsExchange.MaxBodyBytes));
        results.MapPost("/csv", (string code, HttpContext http, AmaniDbContext db, AccessContext access, ResultsAccess enterers,
                ResultsExchange exchange, CancellationToken cancellationToken) =>
                ImportAsync(ExchangeFormat.Csv, code, http, db, access, enterers, exchange, cancellationToken))
            .WithName("ImportResultsCsv").RequirePermission(Permission.ResultsEnter)
            .WithMetadata(new RequestSizeLimitAttribute(ResultsExchange.MaxBodyBytes));
        return api;
    }

    private enum ExchangeFormat { Dhis2, Csv }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(ExchangeFormat format, string code,
        (ExchangeFilter? Filter, string? Field, string? Problem) filter, AmaniDbContext db, AccessContext access, ResultsAccess readers,
        ResultsExchange exchange, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (filter.Filter is null)
            return Problem.Invalid(filter.Field!, filter.Problem!);
        var rows = exchange.Rows(await readers.ReadableAsync(mission.Id, cancellationToken), filter.Filter);
        var name = $"{mission.Code}-results-{clock.GetUtcNow():yyyyMMdd}";
        if (format == ExchangeFormat.Csv)
            return TypedResults.Stream(body => ValueCsv.WriteAsync(rows, body, cancellationToken), ValueCsv.ContentType + "; charset=utf-8", $"{name}.csv");
        var orgUnit = await exchange.MissionOrgUnitAsync(mission, cancellationToken);
        return TypedResults.Stream(body => Dhis2ValueSets.WriteAsync(rows, orgUnit, body, cancellationToken), Dhis2ValueSets.ContentType,
            $"{name}.dhis2.json");
    }

    private static async Task<Results<Ok<ExchangeImported>, ProblemHttpResult>> ImportAsync(ExchangeFormat format, string code, HttpContext http,
        AmaniDbContext db, AccessContext access, ResultsAccess enterers, ResultsExchange exchange, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsEnter, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (UnsupportedContentType(format, http.Request.ContentType) is { } unsupported)
            return Problem.Of(ProblemType.UnsupportedMediaType, unsupported);
        var mayEnter = await enterers.EntryTestAsync(mission.Id, cancellationToken);
        var import = format == ExchangeFormat.Csv
            ? await exchange.ImportCsvAsync(mission, http.Request.Body, access.UserId, mayEnter, cancellationToken)
            : await exchange.ImportDhis2Async(mission, http.Request.Body, access.UserId, mayEnter, cancellationToken);
        return Answer(import);
    }

    /// <summary>The one place where an import's outcome becomes HTTP.</summary>
    private static Results<Ok<ExchangeImported>, ProblemHttpResult> Answer(ExchangeImport import)
    {
        if (import.Problem is { } problem)
            return Problem.Of(ProblemType.MalformedRequest, problem);
        var result = import.Result!;
        if (result.Succeeded)
            return TypedResults.Ok(new ExchangeImported(result.Written, result.Unchanged));
        var first = result.Rejects[0];
        return Problem.Of(ProblemType.Validation,
            $"{result.Rejects.Count} value(s) of the file were refused and nothing was written. The first: {first.Where}, {first.Field}: {first.Message}",
            new Dictionary<string, object?> { ["rejects"] = result.Rejects.Select(r => new { where = r.Where, field = r.Field, message = r.Message }).ToList() });
    }

    private static string? UnsupportedContentType(ExchangeFormat format, string? contentType)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        return format switch
        {
            ExchangeFormat.Dhis2 when mediaType is not ("application/json" or "text/json") && mediaType?.EndsWith("+json", StringComparison.Ordinal) != true =>
                $"Send the dataValueSet as 'Content-Type: application/json', not '{contentType ?? "no content type"}'.",
            ExchangeFormat.Csv when mediaType is not ("text/csv" or "application/csv" or "text/plain") =>
                $"Send the CSV file as the request body with 'Content-Type: text/csv' (not as a form), not '{contentType ?? "no content type"}'.",
            _ => null,
        };
    }
}
