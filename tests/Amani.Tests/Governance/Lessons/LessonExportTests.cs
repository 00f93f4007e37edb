using System.Net;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Lessons.LessonWorld;

namespace Amani.Tests.Governance.Lessons;

/// <summary>
/// The lessons list as CSV (<c>GET …/lessons/export.csv</c>): the lessons the caller sees, with the list's filters; a
/// lesson not attributed never names its author, to anyone, its author included; a lesson the caller may not see is not in it.
/// </summary>
public sealed class LessonExportTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_export_holds_what_the_caller_sees_and_never_the_author_of_a_lesson_not_attributed(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var author = world.Users[Role.FieldOfficer];
        var name = await world.App.WithDbAsync(db => db.Users.Where(u => u.Id == author.Id).Select(u => u.DisplayName).SingleAsync());
        var hidden = await world.ValidatedAsync(world.Field, NewLesson("Unattributed lesson on the checkpoint", attributed: false));
        var shown = await world.ValidatedAsync(world.Field, NewLesson("Attributed lesson on the checkpoint", recommendation: "=HYPERLINK(\"x\")"));
        var draft = (await world.CreateAsync(world.Duty, NewLesson("A draft of the duty officer on the checkpoint"))).GetProperty("id").GetGuid();
        var export = $"{Api}/export.csv";

        foreach (var reader in new[] { world.Analyst, world.Field })
        {
            var response = await reader.GetAsync(export);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            var rows = Read(text);
            Assert.Equal("id", rows[0][0]);
            var byId = rows.Skip(1).ToDictionary(r => Guid.Parse(r[0]));
            var authorColumn = Array.IndexOf(rows[0], "author");
            Assert.Equal("", byId[hidden][authorColumn]);
            Assert.Equal(name, byId[shown][authorColumn]);
            Assert.Equal(1, text.Split(name).Length - 1); // only the attributed lesson names its author
            Assert.DoesNotContain(author.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("'=HYPERLINK(\"x\")", byId[shown][Array.IndexOf(rows[0], "recommendation")]);
            Assert.Equal($"/missions/{Mission}/lessons/{hidden}", byId[hidden][Array.IndexOf(rows[0], "page")]);
            // The duty officer's draft is theirs and the managers': a field officer does not see it, in the export as elsewhere.
            Assert.Equal(reader == world.Analyst, byId.ContainsKey(draft));
        }
        var duty = Read(await world.Duty.GetStringAsync(export)).Skip(1).ToDictionary(r => Guid.Parse(r[0]));
        Assert.True(duty.ContainsKey(draft));

        // The list's filters apply; a bad filter is a 400 naming it; outsiders get nothing.
        var searched = Read(await world.Analyst.GetStringAsync($"{export}?q=unattributed"));
        Assert.Equal([hidden], searched.Skip(1).Select(r => Guid.Parse(r[0])));
        await ProblemAssert.IsProblemAsync(await world.Analyst.GetAsync($"{export}?status=lost"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Partner.GetAsync(export)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Analyst.GetAsync("/api/v1/missions/NOWHERE/lessons/export.csv")).StatusCode);
    }

    private static List<string[]> Read(string text)
    {
        using var csv = new CsvParser(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add(csv.Record!);
        return rows;
    }
}
