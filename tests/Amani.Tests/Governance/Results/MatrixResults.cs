using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Platform.Access;
using Xunit;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// The results framework in the access-matrix world — an entered, quarterly indicator nobody owns and nobody reports on,
/// and a draft plan — and the answers each caller gets: every staff role reads (a partner, whose organisation reports
/// on nothing, sees the list and the plan but gets 404 for the indicator); administrators (and planning officers) manage,
/// reaching the If-Match check (428) or the rule that refuses (409, 400); others are refused at the door (403).
/// </summary>
public static class MatrixResults
{
    public static async Task<(Guid Indicator, Guid Plan)> CreateAsync(HttpClient admin)
    {
        var indicator = await admin.PostAsJsonAsync($"/api/v1/missions/{MatrixWorld.Mission}/indicators", ResultsApiClient.Entered("MATRIX-1", areaLevel: null));
        Assert.True(indicator.StatusCode == HttpStatusCode.Created, await indicator.Content.ReadAsStringAsync());
        var plan = await admin.PostAsJsonAsync($"/api/v1/missions/{MatrixWorld.Mission}/plans", new { title = "Matrix plan", startsOn = "2024-01-01", endsOn = "2026-12-31" });
        Assert.True(plan.StatusCode == HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        return ((await indicator.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static Dictionary<Caller, HttpStatusCode> Answers(HttpStatusCode admin, HttpStatusCode readers = HttpStatusCode.Forbidden,
        HttpStatusCode? partner = null, HttpStatusCode? analyst = null, HttpStatusCode? staff = null) =>
        Unscoped.ToDictionary(c => c, c => c switch
        {
            Caller.Anonymous => HttpStatusCode.Unauthorized,
            Caller.Administrator => admin,
            Caller.Partner => partner ?? readers,
            Caller.Analyst => analyst ?? staff ?? readers,
            _ => staff ?? readers,
        });

    private static readonly Dictionary<Caller, HttpStatusCode> Read = Answers(HttpStatusCode.OK, HttpStatusCode.OK);
    private static readonly Dictionary<Caller, HttpStatusCode> ReadIndicator = Answers(HttpStatusCode.OK, HttpStatusCode.OK, partner: HttpStatusCode.NotFound);

    private static string Mission(string rest) => $"/api/v1/missions/{MatrixWorld.Mission}/{rest}";

    public static IEnumerable<Case> Cases() =>
    [
        new("GET", "/api/v1/measures", (_, _) => "/api/v1/measures", None, Read),
        new("GET", "/api/v1/missions/{code}/indicators", (_, _) => Mission("indicators"), None, Read),
        new("POST", "/api/v1/missions/{code}/indicators", (_, _) => Mission("indicators"), (_, c) => ResultsApiClient.Entered($"M-{c}"), Answers(HttpStatusCode.Created)),
        new("POST", "/api/v1/missions/{code}/results/recompute", (_, _) => Mission("results/recompute"), None, Answers(HttpStatusCode.Accepted)),
        new("GET", "/api/v1/indicators/{id:guid}/", (w, _) => $"/api/v1/indicators/{w.Indicator}", None, ReadIndicator),
        new("PUT", "/api/v1/indicators/{id:guid}/", (w, _) => $"/api/v1/indicators/{w.Indicator}", (_, c) => ResultsApiClient.Entered($"M-{c}"),
            Answers(HttpStatusCode.PreconditionRequired)),
        new("PUT", "/api/v1/indicators/{id:guid}/targets", (w, _) => $"/api/v1/indicators/{w.Indicator}/targets", (_, _) => Array.Empty<object>(),
            Answers(HttpStatusCode.PreconditionRequired)),
        new("GET", "/api/v1/indicators/{id:guid}/values", (w, _) => $"/api/v1/indicators/{w.Indicator}/values", None, ReadIndicator),
        new("POST", "/api/v1/indicators/{id:guid}/values", (w, _) => $"/api/v1/indicators/{w.Indicator}/values", (_, _) => Array.Empty<object>(),
            Answers(HttpStatusCode.OK, partner: HttpStatusCode.NotFound, analyst: HttpStatusCode.OK)),
        new("POST", "/api/v1/indicators/{id:guid}/approvals", (w, _) => $"/api/v1/indicators/{w.Indicator}/approvals", (_, _) => new { period = "not a period" },
            Answers(HttpStatusCode.BadRequest, partner: HttpStatusCode.NotFound)),
        new("POST", "/api/v1/indicators/{id:guid}/approvals/{period}/unlock", (w, _) => $"/api/v1/indicators/{w.Indicator}/approvals/2024Q1/unlock",
            (_, _) => new { reason = "Matrix" }, Answers(HttpStatusCode.Conflict, partner: HttpStatusCode.NotFound)),
        new("GET", "/api/v1/missions/{code}/category-lists/", (_, _) => Mission("category-lists"), None, Read),
        new("PUT", "/api/v1/missions/{code}/category-lists/{list}", (_, _) => Mission("category-lists/displacement"),
            (_, _) => new { name = "Displacement status", options = new Dictionary<string, string> { ["idp"] = "Displaced", ["host"] = "Host community" } },
            Answers(HttpStatusCode.OK)),
        new("GET", "/api/v1/missions/{code}/plans", (_, _) => Mission("plans"), None, Read),
        new("POST", "/api/v1/missions/{code}/plans", (_, _) => Mission("plans"), (_, _) => new { title = "Again", startsOn = "2024-01-01", endsOn = "2025-12-31" },
            Answers(HttpStatusCode.Conflict)),
        new("GET", "/api/v1/missions/{code}/plan", (_, _) => Mission("plan"), None, Read),
        new("GET", "/api/v1/plans/{id:guid}/", (w, _) => $"/api/v1/plans/{w.Plan}", None, Read),
        new("POST", "/api/v1/plans/{id:guid}/next", (w, _) => $"/api/v1/plans/{w.Plan}/next", (_, _) => new { }, Answers(HttpStatusCode.Conflict)),
        new("POST", "/api/v1/plans/{id:guid}/activation", (w, _) => $"/api/v1/plans/{w.Plan}/activation", None, Answers(HttpStatusCode.PreconditionRequired)),
        new("POST", "/api/v1/plans/{id:guid}/nodes", (w, _) => $"/api/v1/plans/{w.Plan}/nodes", (_, _) => new { level = "priority", code = "P9", name = "Matrix" },
            Answers(HttpStatusCode.PreconditionRequired)),
        new("PUT", "/api/v1/plans/{id:guid}/nodes/{nodeId:guid}", (w, _) => $"/api/v1/plans/{w.Plan}/nodes/{Guid.NewGuid()}",
            (_, _) => new { level = "priority", code = "P9", name = "Matrix" }, Answers(HttpStatusCode.PreconditionRequired)),
        new("DELETE", "/api/v1/plans/{id:guid}/nodes/{nodeId:guid}", (w, _) => $"/api/v1/plans/{w.Plan}/nodes/{Guid.NewGuid()}", None,
            Answers(HttpStatusCode.PreconditionRequired)),
    ];
}
