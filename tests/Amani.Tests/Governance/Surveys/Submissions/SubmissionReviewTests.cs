using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Surveys.Submissions;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys.Submissions;

/// <summary>
/// The review of submissions: managers move a submission through received → approved | has issues | rejected with the
/// submission's ETag in If-Match (a comment required for has issues and rejected), readers comment, each step kept in the
/// history with its audit row; every refusal writes nothing.
/// </summary>
public sealed class SubmissionReviewTests
{
    private const string Id = "uuid:review-1";
    private static string Url(string rest) => $"{Api}/forms/{FormId}/submissions/{Uri.EscapeDataString(Id)}/{rest}";

    private static async Task<HttpResponseMessage> ReviewAsync(HttpClient client, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("review")) { Content = JsonContent.Create(body) };
        if (etag is not null)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.SendAsync(request);
    }

    private static Task<(int Reviews, int Audit)> CountsAsync(SurveyWorld world) => world.App.WithDbAsync(async db =>
        (await db.Set<SubmissionReview>().CountAsync(), await db.AuditEntries.CountAsync(e => e.ActionCode == 4320 || e.ActionCode == 4321)));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_manager_reviews_with_If_Match_readers_comment_and_the_history_keeps_each_step(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(Instance(Id))).StatusCode);

        var start = await world.Planner.GetAsync(Url("review"));
        Assert.Equal("\"1\"", start.Headers.ETag?.Tag);
        Assert.Equal("received", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewState").GetString());

        var approved = await ReviewAsync(world.Planner, new { state = "approved" }, "\"1\"");
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        Assert.Equal("\"2\"", approved.Headers.ETag?.Tag);

        var comment = await world.Field.PostAsJsonAsync(Url("comments"), new { comment = "The GPS looks off by a street." });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);

        var issues = await ReviewAsync(world.Planner, new { state = "hasIssues", comment = "Household size does not match the members listed." }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, issues.StatusCode);
        var history = await issues.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("hasIssues", 3), (history.GetProperty("reviewState").GetString(), history.GetProperty("version").GetInt32()));
        var items = history.GetProperty("items").EnumerateArray().Select(i => (From: Text(i, "from"), To: Text(i, "to"), Comment: Text(i, "comment"))).ToList();
        Assert.Equal([("received", "approved", null), (null, null, "The GPS looks off by a street."),
            ("approved", "hasIssues", "Household size does not match the members listed.")], items);
        Assert.All(history.GetProperty("items").EnumerateArray(), i => Assert.False(string.IsNullOrEmpty(Text(i, "by"))));

        var comments = await world.Analyst.GetFromJsonAsync<JsonElement>(Url("comments"));
        Assert.Equal(2, comments.GetProperty("items").GetArrayLength());
        var table = await world.Analyst.GetFromJsonAsync<JsonElement>($"{Api}/forms/{FormId}/submissions/table");
        Assert.Equal("hasIssues", table.GetProperty("rows")[0][3].GetString());
        Assert.Equal(3, await world.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 4320 || e.ActionCode == 4321)));
        Assert.Equal(2, await world.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 4320)));
        Assert.DoesNotContain(await world.App.WithDbAsync(db => db.AuditEntries.Select(e => e.Summary).ToListAsync()), s => s.Contains("Household size"));
    }

    private static string? Text(JsonElement item, string name) => item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : item.GetProperty(name).GetString();

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_refused_review_or_comment_says_why_and_writes_nothing(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(Instance(Id))).StatusCode);

        await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Field, new { state = "approved" }, "\"1\""), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "approved" }, null), HttpStatusCode.PreconditionRequired,
            "version-required");
        var noComment = await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "rejected" }, "\"1\""), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("comment is required", noComment.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "received" }, "\"1\""), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "1" }, "\"1\""), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "approved", comment = new string('x', 4001) }, "\"1\""),
            HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "approved" }, "\"7\""), HttpStatusCode.PreconditionFailed,
            "stale-version");
        await ProblemAssert.IsProblemAsync(await world.Field.PostAsJsonAsync(Url("comments"), new { comment = "  " }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Partner.PostAsJsonAsync(Url("comments"), new { comment = "hi" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.Field.GetAsync($"{Api}/forms/{FormId}/submissions/uuid%3Anope/review"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal((0, 0), await CountsAsync(world));

        Assert.Equal(HttpStatusCode.OK, (await ReviewAsync(world.Planner, new { state = "approved" }, "\"1\"")).StatusCode);
        var stale = await ReviewAsync(world.Planner, new { state = "hasIssues", comment = "late" }, "\"1\"");
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "stale-version");
        var again = await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "approved" }, "\"2\""), HttpStatusCode.Conflict, "conflict");
        Assert.Contains("already approved", again.GetProperty("detail").GetString());
        var skip = await ProblemAssert.IsProblemAsync(await ReviewAsync(world.Planner, new { state = "rejected", comment = "no" }, "\"2\""), HttpStatusCode.Conflict, "conflict");
        Assert.Contains("can become hasIssues", skip.GetProperty("detail").GetString());
        Assert.Equal((1, 1), await CountsAsync(world));
    }
}
