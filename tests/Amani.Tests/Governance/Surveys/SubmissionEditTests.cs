using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Versions;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// Edits kept as versions: a post whose meta/deprecatedID names a submission's current instanceID replaces it (the same
/// submission, its earlier XML kept in survey_submission_versions); the submission is found by any of its instanceIDs.
/// </summary>
public sealed class SubmissionEditTests
{
    public static string Edit(string instanceId, string deprecatedId, int size) =>
        Instance(instanceId, size: size).Replace("</instanceID>", $"</instanceID><deprecatedID>{deprecatedId}</deprecatedID>", StringComparison.Ordinal);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_edit_replaces_the_submission_and_keeps_the_earlier_version(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var (first, second) = (NewInstanceId(), NewInstanceId());
        await MessageAsync(await world.SubmitAsync(Instance(first, size: 4)), HttpStatusCode.Created);
        var original = await world.App.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Contains("Edit received", await MessageAsync(await world.SubmitAsync(Edit(second, first, 5)), HttpStatusCode.Created));

        var edited = await world.App.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Equal((original.Id, second), (edited.Id, edited.InstanceId));
        Assert.Contains("<household_size>5</household_size>", edited.Xml);
        var kept = await world.App.WithDbAsync(db => db.Set<SubmissionVersion>().SingleAsync());
        Assert.Equal((original.Id, first, original.XmlHash, world.AppUserId), (kept.SubmissionId, kept.InstanceId, kept.XmlHash, kept.AppUserId!.Value));
        Assert.Contains("<household_size>4</household_size>", kept.Xml);
        Assert.True(await world.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 4310 && e.EntityId == original.Id.ToString())));

        var path = $"{Api}/forms/{FormId}/submissions";
        foreach (var id in new[] { first, second })
            Assert.Equal(second, (await world.Analyst.GetFromJsonAsync<JsonElement>($"{path}/{id}")).GetProperty("instanceId").GetString());
        var versions = await world.Analyst.GetFromJsonAsync<JsonElement>($"{path}/{first}/versions");
        Assert.Equal([second, first], versions.EnumerateArray().Select(v => v.GetProperty("instanceId").GetString()!).ToArray());
        Assert.True(versions[0].GetProperty("current").GetBoolean());
        Assert.Contains("<household_size>4</household_size>", await world.Analyst.GetStringAsync($"{path}/{second}/versions/{first}"));
        Assert.Contains("<household_size>5</household_size>", await world.Analyst.GetStringAsync($"{path}/{first}/versions/{second}"));
        Assert.Equal(HttpStatusCode.NotFound, (await world.Analyst.GetAsync($"{path}/{first}/versions/uuid:none")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Partner.GetAsync($"{path}/{first}/versions")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Unknown_repeated_and_outdated_edits_are_answered_and_store_nothing_new(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var (first, second, third) = (NewInstanceId(), NewInstanceId(), NewInstanceId());
        var unknown = NewInstanceId();
        Assert.Contains(unknown, await MessageAsync(await world.SubmitAsync(Edit(second, unknown, 5)), HttpStatusCode.NotFound));
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<Submission>().CountAsync()));

        await MessageAsync(await world.SubmitAsync(Instance(first, size: 4)), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(Edit(second, first, 5)), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(Edit(second, first, 5)), HttpStatusCode.Accepted); // the edit sent again
        await MessageAsync(await world.SubmitAsync(Instance(first, size: 4)), HttpStatusCode.Accepted); // the original sent again
        Assert.Contains("already replaced", await MessageAsync(await world.SubmitAsync(Edit(third, first, 6)), HttpStatusCode.Conflict));

        var stored = await world.App.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Equal(second, stored.InstanceId);
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<SubmissionVersion>().CountAsync()));
        Assert.Equal(1, await world.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 4310)));
    }
}
