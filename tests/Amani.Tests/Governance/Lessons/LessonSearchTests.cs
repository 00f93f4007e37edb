using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Lessons;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Lessons.LessonWorld;

namespace Amani.Tests.Governance.Lessons;

/// <summary>Full-text search on both databases (accents, ranking, prefixes, filters, paging) and the 400s of bad input that write nothing.</summary>
public sealed class LessonSearchTests
{
    [Fact]
    public void Folding_removes_case_accents_and_punctuation()
    {
        Assert.Equal("securite electorale a l oeuvre", LessonSearch.Fold("Sécurité ÉLECTORALE — à l’œuvre!"));
        Assert.Equal(["securite", "bria"], LessonSearch.Terms("l'sécurité, Bria!"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Search_ignores_accents_ranks_title_matches_first_and_combines_with_filters(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.ValidatedAsync(world.Duty, NewLesson("Patrols in Bria", Ouham, themes: ["patrols"],
            observation: "The sécurité électorale plan left the market without patrols."));
        await world.ValidatedAsync(world.Duty, NewLesson("Sécurité électorale in Bangui", Ombella, themes: ["election security"]));
        await world.ValidatedAsync(world.Duty, NewLesson("Transhumance corridors", Ombella, themes: ["transhumance"]));
        await world.CreateAsync(world.Duty, NewLesson("A draft on the market", observation: "Notes on securite at the market."));

        // Unaccented words find accented text; the title match ranks first; words are prefixes; every word must match.
        var ranked = await world.TitlesAsync(world.Duty, "?q=securite");
        Assert.Equal("Sécurité électorale in Bangui", ranked[0]);
        Assert.Equal(["A draft on the market", "Patrols in Bria"], ranked[1..].Order());
        Assert.Equal(["Sécurité électorale in Bangui", "Patrols in Bria"], await world.TitlesAsync(world.Duty, "?q=ÉLECTOR"));
        Assert.Equal(["A draft on the market", "Patrols in Bria"], (await world.TitlesAsync(world.Duty, "?q=securite+market")).Order());
        Assert.Empty(await world.TitlesAsync(world.Duty, "?q=helicopter"));
        // Filters narrow a search: theme, area, status, kind; drafts of others stay out.
        Assert.Equal(["Patrols in Bria"], await world.TitlesAsync(world.Duty, $"?q=securite&area={Ouham}"));
        Assert.Equal(["Sécurité électorale in Bangui"], await world.TitlesAsync(world.Duty, "?q=securite&theme=Election%20Security"));
        Assert.Equal(["Sécurité électorale in Bangui", "Patrols in Bria"], await world.TitlesAsync(world.Duty, "?q=securite&status=validated"));
        Assert.Empty(await world.TitlesAsync(world.Duty, "?q=securite&kind=afterActionReview"));
        Assert.DoesNotContain("A draft on the market", await world.TitlesAsync(world.Field, "?q=securite"));
        // Pages by position, in rank order.
        var first = await world.Duty.GetFromJsonAsync<JsonElement>($"{Api}?q=securite&limit=2");
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("nextCursor").GetString();
        Assert.Equal(ranked[2..], await world.TitlesAsync(world.Duty, $"?q=securite&limit=2&cursor={next}"));
        // An edit re-indexes the lesson.
        var bangui = (await world.Duty.GetFromJsonAsync<JsonElement>($"{Api}?q=bangui")).GetProperty("items")[0];
        var edit = await SendAsync(world.Analyst, HttpMethod.Put, $"{Api}/{bangui.GetProperty("id").GetGuid()}",
            NewLesson("Polling stations in Bangui", Ombella), bangui.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(["A draft on the market", "Patrols in Bria"], (await world.TitlesAsync(world.Duty, "?q=securite")).Order());
        Assert.Equal(["Polling stations in Bangui"], await world.TitlesAsync(world.Duty, "?q=polling"));
        var themes = await world.Duty.GetFromJsonAsync<JsonElement>($"{Api}/themes");
        Assert.Contains(themes.EnumerateArray(), t => t.GetProperty("theme").GetString() == "early warning");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_gets_problem_details_naming_the_field_and_writes_nothing(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var good = await world.CreateAsync(world.Field, NewLesson("A good lesson"));
        var id = good.GetProperty("id").GetGuid();
        var before = (await world.CountAsync<Lesson>(), await world.CountAsync<LessonTheme>(), await world.CountAsync<LessonLink>(),
            await world.CountAsync<LessonStatusChange>());
        var review = new
        {
            kind = "afterActionReview", title = "A review", expected = "A patrol within six hours.", happened = "It came after eighteen.",
            causes = "The road was cut.", improvements = "Check access first.",
        };
        (object Body, string Field)[] cases =
        [
            (new { kind = "lesson", title = "No recommendation", observation = "Seen." + new string('x', 10) }, "recommendation"),
            (new { review.kind, review.title, review.expected, review.happened, review.causes }, "improvements"),
            (new { review.kind, review.title, review.expected, review.happened, review.causes, review.improvements, observation = "A lesson field" }, "observation"),
            (NewLesson("Unknown area", "CF.ZZ"), "areaPCode"),
            (NewLesson("Unknown kind of link", links: [new { kind = "meeting", id = Guid.NewGuid() }]), "links[0].kind"),
            (NewLesson("Bad theme", themes: ["ok", "<script>"]), "themes[1]"),
            (NewLesson("x"), "title"),
            (new { kind = "lesson", title = "Future", observation = "Seen it.", recommendation = "Do it.", happenedOn = "2999-01-01" }, "happenedOn"),
        ];
        foreach (var (body, field) in cases)
        {
            var created = await world.Field.PostAsJsonAsync(Api, body);
            var problem = await ProblemAssert.IsProblemAsync(created, HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
            var edited = await SendAsync(world.Field, HttpMethod.Put, $"{Api}/{id}", body, good.GetProperty("version").GetInt32());
            Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        }
        foreach (var query in new[] { "?q=!!", "?status=lost", "?kind=meeting", "?area=CF.ZZ", "?cursor=nonsense", "?q=securite&cursor=nonsense" })
            await ProblemAssert.IsProblemAsync(await world.Field.GetAsync(Api + query), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await SendAsync(world.Field, HttpMethod.Put, $"{Api}/{id}", NewLesson("No version"), null),
            HttpStatusCode.PreconditionRequired, "version-required");
        Assert.Equal(HttpStatusCode.NotFound, (await world.Field.GetAsync($"/api/v1/missions/NOPE/lessons")).StatusCode);
        Assert.Equal(before, (await world.CountAsync<Lesson>(), await world.CountAsync<LessonTheme>(), await world.CountAsync<LessonLink>(),
            await world.CountAsync<LessonStatusChange>()));
        var unchanged = await world.Field.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        Assert.Equal("A good lesson", unchanged.GetProperty("title").GetString());
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());
    }
}
