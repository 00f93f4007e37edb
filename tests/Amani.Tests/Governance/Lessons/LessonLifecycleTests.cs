using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Lessons;
using Amani.Platform.Access;
using Amani.Platform.FollowUps;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Lessons.LessonWorld;

namespace Amani.Tests.Governance.Lessons;

/// <summary>
/// A lesson's life (draft → submitted → validated → archived), who sees it on the way (a draft only its author and the
/// managers: 404 for others; area scopes), a lesson not attributed to its author, and a recommendation that becomes a follow-up.
/// </summary>
public sealed class LessonLifecycleTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_draft_is_seen_by_its_author_and_managers_only_until_it_is_validated_then_by_every_reader(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var linked = Guid.NewGuid();
        var created = await world.CreateAsync(world.Field, NewLesson("Calls after hours went unanswered", links: [new { kind = "lesson", id = linked }]));
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.True(created.GetProperty("canEdit").GetBoolean());
        Assert.Equal(["submitted"], created.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal($"/missions/{Mission}/lessons/{linked}", created.GetProperty("links")[0].GetProperty("path").GetString());

        // Another recorder (a duty officer) does not know it exists; a manager (the planning officer) does.
        Assert.Equal(HttpStatusCode.NotFound, (await world.Duty.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.DoesNotContain("Calls after hours went unanswered", await world.TitlesAsync(world.Duty));
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Partner.GetAsync($"{Api}/{id}")).StatusCode);

        // Only a manager validates; the author may not, nor edit it any more once validated.
        await world.MoveAsync(world.Field, id, "submitted");
        var refused = await SendAsync(world.Field, HttpMethod.Post, $"{Api}/{id}/transitions", new { to = "validated" }, 2);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var validated = await world.MoveAsync(world.Planner, id, "validated");
        Assert.Equal("validated", validated.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await world.Duty.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Contains("Calls after hours went unanswered", await world.TitlesAsync(world.Duty));
        var edit = await SendAsync(world.Field, HttpMethod.Put, $"{Api}/{id}", NewLesson("Edited by its author"), validated.GetProperty("version").GetInt32());
        await ProblemAssert.IsProblemAsync(edit, HttpStatusCode.Forbidden, "forbidden");

        // A move the workflow does not allow: 409 with the allowed ones; archiving needs a reason.
        var back = await SendAsync(world.Analyst, HttpMethod.Post, $"{Api}/{id}/transitions", new { to = "draft" }, validated.GetProperty("version").GetInt32());
        var conflict = await ProblemAssert.IsProblemAsync(back, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(["archived"], conflict.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        var noReason = await SendAsync(world.Analyst, HttpMethod.Post, $"{Api}/{id}/transitions", new { to = "archived" }, validated.GetProperty("version").GetInt32());
        await ProblemAssert.IsProblemAsync(noReason, HttpStatusCode.BadRequest, "validation");
        var stale = await SendAsync(world.Analyst, HttpMethod.Post, $"{Api}/{id}/transitions", new { to = "archived", reason = "Superseded" }, 1);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "stale-version");
        var archived = await world.MoveAsync(world.Analyst, id, "archived", "Superseded by the 2024 review.");
        Assert.Equal(["draft", "submitted", "validated", "archived"],
            archived.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("to").ValueKind == JsonValueKind.String)
                .Select(h => h.GetProperty("to").GetString()));
        Assert.Equal(4, await world.App.WithDbAsync(db => db.Set<Amani.Platform.Audit.AuditEntry>().CountAsync(a => a.EntityId == id.ToString())));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_area_scoped_role_sees_the_lessons_of_its_area_and_the_whole_missions_but_not_anothers(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var ombella = await world.ValidatedAsync(world.Duty, NewLesson("Lesson of Ombella", LessonWorld.Ombella));
        var ouham = await world.ValidatedAsync(world.Duty, NewLesson("Lesson of Ouham", LessonWorld.Ouham));
        await world.ValidatedAsync(world.Duty, NewLesson("Lesson of the whole mission"));

        Assert.Equal(["Lesson of the whole mission", "Lesson of Ouham"], await world.TitlesAsync(world.FieldInOuham));
        Assert.Equal(HttpStatusCode.NotFound, (await world.FieldInOuham.GetAsync($"{Api}/{ombella}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.FieldInOuham.GetAsync($"{Api}/{ouham}")).StatusCode);
        Assert.Equal(["Lesson of Ouham"], await world.TitlesAsync(world.Duty, $"?area={LessonWorld.Ouham}"));
        // A recorder scoped to Ouham records there or for the whole mission, not in Ombella.
        var elsewhere = await world.FieldInOuham.PostAsJsonAsync(Api, NewLesson("Somewhere else", LessonWorld.Ombella));
        var problem = await ProblemAssert.IsProblemAsync(elsewhere, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("areaPCode", out _));
        // An analyst scoped to Ouham validates lessons of Ouham, not drafts of the whole mission (it does not see them).
        var draft = (await world.CreateAsync(world.Field, NewLesson("Draft of the whole mission"))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await world.AnalystInOuham.GetAsync($"{Api}/{draft}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_lesson_not_attributed_never_shows_its_author_to_others_in_the_API_search_or_pages(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var author = world.Users[Role.FieldOfficer];
        var name = await world.App.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).Select(u => u.DisplayName).SingleAsync());
        var id = await world.ValidatedAsync(world.Field, NewLesson("Unattributed lesson on the checkpoint", attributed: false));
        var attributed = await world.ValidatedAsync(world.Field, NewLesson("Attributed lesson on the checkpoint"));

        var own = author.Id.ToString();
        var alone = await world.Analyst.GetStringAsync($"{Api}/{id}") + await world.Analyst.GetStringAsync($"{Api}?q=unattributed");
        Assert.Contains("Unattributed lesson on the checkpoint", alone);
        Assert.DoesNotContain(own, alone, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(name, alone);
        var both = await world.Analyst.GetStringAsync($"{Api}?q=checkpoint");
        Assert.Equal(2, both.Split("on the checkpoint").Length - 1);
        Assert.Equal(1, both.Split(own, StringSplitOptions.None).Length - 1); // only the attributed lesson names its author
        var detail = await world.Analyst.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("author").ValueKind);
        Assert.False(detail.GetProperty("mine").GetBoolean());
        Assert.All(detail.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("to").GetString() is "draft" or "submitted"),
            h => Assert.Equal("the author", h.GetProperty("actor").GetString()));
        var page = await world.Analyst.GetStringAsync($"/missions/{Mission}/lessons/{id}");
        Assert.DoesNotContain(name, page);
        Assert.DoesNotContain(author.Id.ToString(), page, StringComparison.OrdinalIgnoreCase);
        var list = await world.Analyst.GetStringAsync($"/missions/{Mission}/lessons?q=unattributed");
        Assert.Contains("Unattributed lesson on the checkpoint", list);
        Assert.DoesNotContain(name, list);
        // The author still edits it while it is theirs, and is told it is theirs.
        Assert.True((await world.Field.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("mine").GetBoolean());
        Assert.Equal(name, (await world.Analyst.GetFromJsonAsync<JsonElement>($"{Api}/{attributed}")).GetProperty("author").GetProperty("name").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_validated_recommendation_becomes_a_follow_up_that_links_back_and_bad_input_writes_nothing(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var draft = (await world.CreateAsync(world.Field, NewLesson("Not validated yet", LessonWorld.Ouham))).GetProperty("id").GetGuid();
        var due = world.App.Clock.GetUtcNow().AddDays(30);
        var owner = new { kind = "role", role = "dutyOfficer" };
        var early = await SendAsync(world.Planner, HttpMethod.Post, $"{Api}/{draft}/follow-up", new { owner, dueAt = due }, 1);
        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict, "conflict");

        var id = await world.ValidatedAsync(world.Field, NewLesson("Route alert calls to the duty phone", LessonWorld.Ouham));
        var version = (await world.Planner.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(world.Duty, HttpMethod.Post, $"{Api}/{id}/follow-up", new { owner, dueAt = due }, version)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired,
            (await SendAsync(world.Planner, HttpMethod.Post, $"{Api}/{id}/follow-up", new { owner, dueAt = due }, null)).StatusCode);
        var followUps = await world.CountAsync<FollowUp>();
        var past = await SendAsync(world.Planner, HttpMethod.Post, $"{Api}/{id}/follow-up", new { owner, dueAt = due.AddDays(-60) }, version);
        var problem = await ProblemAssert.IsProblemAsync(past, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("dueAt", out _));
        Assert.Equal(followUps, await world.CountAsync<FollowUp>());

        var asked = await SendAsync(world.Planner, HttpMethod.Post, $"{Api}/{id}/follow-up", new { owner, dueAt = due }, version);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var lesson = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var followUpId = lesson.GetProperty("followUp").GetProperty("id").GetGuid();
        Assert.False(lesson.GetProperty("canAskFollowUp").GetBoolean());
        var followUp = await world.Duty.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/{followUpId}");
        var item = followUp.GetProperty("followUp");
        Assert.Equal("lessons", item.GetProperty("module").GetString());
        Assert.Equal("lesson", item.GetProperty("recordType").GetString());
        Assert.Equal(id, item.GetProperty("recordId").GetGuid());
        Assert.Equal($"/missions/{Mission}/lessons/{id}", item.GetProperty("recordPath").GetString());
        Assert.Equal("Route alert calls to the duty phone", item.GetProperty("title").GetString());
        var again = await SendAsync(world.Planner, HttpMethod.Post, $"{Api}/{id}/follow-up", new { owner, dueAt = due }, version + 1);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(followUps + 1, await world.CountAsync<FollowUp>());
    }
}
