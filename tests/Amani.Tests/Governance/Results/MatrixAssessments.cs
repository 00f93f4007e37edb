using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Platform.Access;
using Xunit;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// The assessments in the access-matrix world — a draft assessment of the world's draft plan with one undecided
/// recommendation — and the answers each caller gets: mission staff read (a partner, though it holds results:read, is
/// refused: 403); administrators (and planning officers) change, reaching the If-Match check (428) or the rule that
/// refuses (409: no accepted recommendation to adapt the plan to); others are refused at the door (403).
/// </summary>
public static class MatrixAssessments
{
    public static async Task<(Guid Assessment, Guid Recommendation)> CreateAsync(HttpClient admin, Guid owner)
    {
        var created = await admin.PostAsJsonAsync($"/api/v1/missions/{MatrixWorld.Mission}/assessments",
            new { title = "Matrix assessment", periodFrom = "2024-01-01", periodUntil = "2024-06-30" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/assessments/{id}/recommendations")
        {
            Content = JsonContent.Create(new { text = "Matrix recommendation", ownerUserId = owner, dueOn = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd") }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        var added = await admin.SendAsync(request);
        Assert.True(added.StatusCode == HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        return (id, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recommendations")[0].GetProperty("id").GetGuid());
    }

    private static Dictionary<Caller, HttpStatusCode> Answers(HttpStatusCode admin, HttpStatusCode others = HttpStatusCode.Forbidden) =>
        Unscoped.ToDictionary(c => c, c => c switch
        {
            Caller.Anonymous => HttpStatusCode.Unauthorized,
            Caller.Administrator => admin,
            _ => others,
        });

    /// <summary>Every staff role reads; the partner is refused (403).</summary>
    private static readonly Dictionary<Caller, HttpStatusCode> Read = Unscoped.ToDictionary(c => c, c => c switch
    {
        Caller.Anonymous => HttpStatusCode.Unauthorized,
        Caller.Partner => HttpStatusCode.Forbidden,
        _ => HttpStatusCode.OK,
    });

    private static readonly object Frame = new { title = "Matrix assessment", periodFrom = "2024-01-01", periodUntil = "2024-06-30" };

    public static IEnumerable<Case> Cases() =>
    [
        new("GET", "/api/v1/missions/{code}/assessments/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/assessments", None, Read),
        new("POST", "/api/v1/missions/{code}/assessments/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/assessments", (_, _) => Frame,
            Answers(HttpStatusCode.Created)),
        new("GET", "/api/v1/assessments/{id:guid}/", (w, _) => $"/api/v1/assessments/{w.Assessment}", None, Read),
        new("PUT", "/api/v1/assessments/{id:guid}/", (w, _) => $"/api/v1/assessments/{w.Assessment}", (_, _) => Frame, Answers(HttpStatusCode.PreconditionRequired)),
        new("POST", "/api/v1/assessments/{id:guid}/findings", (w, _) => $"/api/v1/assessments/{w.Assessment}/findings", (_, _) => new { text = "Matrix" },
            Answers(HttpStatusCode.PreconditionRequired)),
        new("PUT", "/api/v1/assessments/{id:guid}/findings/{findingId:guid}", (w, _) => $"/api/v1/assessments/{w.Assessment}/findings/{Guid.NewGuid()}",
            (_, _) => new { text = "Matrix" }, Answers(HttpStatusCode.PreconditionRequired)),
        new("PUT", "/api/v1/assessments/{id:guid}/ratings", (w, _) => $"/api/v1/assessments/{w.Assessment}/ratings", (_, _) => Array.Empty<object>(),
            Answers(HttpStatusCode.PreconditionRequired)),
        new("POST", "/api/v1/assessments/{id:guid}/recommendations", (w, _) => $"/api/v1/assessments/{w.Assessment}/recommendations",
            (_, _) => new { text = "Matrix" }, Answers(HttpStatusCode.PreconditionRequired)),
        new("POST", "/api/v1/assessments/{id:guid}/finalization", (w, _) => $"/api/v1/assessments/{w.Assessment}/finalization", None,
            Answers(HttpStatusCode.PreconditionRequired)),
        new("POST", "/api/v1/assessments/{id:guid}/adapt", (w, _) => $"/api/v1/assessments/{w.Assessment}/adapt", None, Answers(HttpStatusCode.Conflict)),
        new("POST", "/api/v1/recommendations/{id:guid}/decision", (w, _) => $"/api/v1/recommendations/{w.Recommendation}/decision",
            (_, _) => new { decision = "accepted" }, Answers(HttpStatusCode.PreconditionRequired)),
    ];
}
