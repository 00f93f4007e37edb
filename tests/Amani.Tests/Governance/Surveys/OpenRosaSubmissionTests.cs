using System.Net;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// Submissions as ODK Collect and KoboCollect post them. The first six tests are the scenarios of the peer suite
/// kobotoolbox/openrosa-server-tests (<c>test_submission.py</c>): a new submission (201), a duplicate (202), an
/// attachment in a second post (201), the same attachment twice (202), new and known attachments mixed (201), and an
/// attachment of the same name with other content (201: it replaces the first). Then a large submission split over
/// posts, and the phone's account of what is still missing.
/// </summary>
public sealed class OpenRosaSubmissionTests
{
    private static Task<List<Submission>> StoredAsync(SurveyWorld world, string instanceId) =>
        world.App.WithDbAsync(db => db.Set<Submission>().Include(s => s.Attachments).Where(s => s.InstanceId == instanceId).ToListAsync());

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_submission_is_answered_201_and_stored_with_its_submitter(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        var message = await MessageAsync(await world.SubmitAsync(Instance(id)), HttpStatusCode.Created);
        Assert.Contains("Submission received", message);
        var stored = Assert.Single(await StoredAsync(world, id));
        Assert.Equal(world.AppUserId, stored.AppUserId);
        Assert.True(stored.Complete);
        Assert.Equal(ReviewState.Received, stored.ReviewState);
        Assert.Contains("<household_size>4</household_size>", stored.Xml);
        Assert.True(await world.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 4307 && e.EntityId == stored.Id.ToString()
                                                                                  && e.Actor == $"app-user:{world.AppUserId}")));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_submission_twice_is_answered_201_then_202_and_stored_once(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        var xml = Instance(id);
        await MessageAsync(await world.SubmitAsync(xml), HttpStatusCode.Created);
        Assert.Contains("already received", await MessageAsync(await world.SubmitAsync(xml), HttpStatusCode.Accepted));
        Assert.Single(await StoredAsync(world, id));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_attachment_in_a_second_post_is_answered_201_and_added(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        var xml = Instance(id);
        await MessageAsync(await world.SubmitAsync(xml), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(xml, ("minimal_second.txt", "minimal file contents in second request")), HttpStatusCode.Created);
        var stored = Assert.Single(await StoredAsync(world, id));
        var file = Assert.Single(stored.Attachments);
        Assert.Equal(("minimal_second.txt", false, 39L), (file.Name, file.Expected, file.ByteSize));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_attachment_posted_twice_is_answered_201_then_202_and_stored_once(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var xml = Instance(NewInstanceId());
        var file = ("minimal.txt", "minimal file contents submitted twice");
        await MessageAsync(await world.SubmitAsync(xml, file), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(xml, file), HttpStatusCode.Accepted);
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<SubmissionAttachment>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task New_and_known_attachments_mixed_are_answered_201_and_each_stored_once(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        var xml = Instance(id);
        await MessageAsync(await world.SubmitAsync(xml), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(xml, ("minimal.txt", "minimal file contents")), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(xml, ("minimal.txt", "minimal file contents"), ("second_minimal.txt", "second minimal file contents")),
            HttpStatusCode.Created);
        Assert.Equal(["minimal.txt", "second_minimal.txt"], Assert.Single(await StoredAsync(world, id)).Attachments.Select(a => a.Name).Order());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_attachment_of_the_same_name_with_other_content_is_answered_201_and_replaces_the_first(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        var xml = Instance(id);
        await MessageAsync(await world.SubmitAsync(xml, ("minimal.txt", "same name, first minimal contents")), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(xml, ("minimal.txt", "same name, second minimal contents")), HttpStatusCode.Created);
        var file = Assert.Single(Assert.Single(await StoredAsync(world, id)).Attachments);
        var content = await world.Analyst.GetStringAsync($"{Api}/forms/{FormId}/submissions/{Uri.EscapeDataString(id)}/attachments/minimal.txt");
        Assert.Equal("same name, second minimal contents", content);
        Assert.Equal(34L, file.ByteSize);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_submission_split_over_posts_is_incomplete_until_every_file_its_XML_names_has_arrived(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        var xml = Instance(id, "house.jpg", ["member-1.jpg", "member-2.jpg"]);

        var first = await MessageAsync(await world.SubmitToAsync(world.ServerUrl, xml, incomplete: true, ("house.jpg", "JPEG house")), HttpStatusCode.Created);
        Assert.Contains("Waiting for 2 attachment(s): member-1.jpg, member-2.jpg", first);
        var stored = Assert.Single(await StoredAsync(world, id));
        Assert.False(stored.Complete);
        Assert.Equal(3, stored.Attachments.Count(a => a.Expected));

        await MessageAsync(await world.SubmitToAsync(world.ServerUrl, xml, incomplete: true, ("member-1.jpg", "JPEG one")), HttpStatusCode.Created);
        Assert.False(Assert.Single(await StoredAsync(world, id)).Complete);
        var last = await MessageAsync(await world.SubmitToAsync(world.ServerUrl, xml, incomplete: false, ("member-2.jpg", "JPEG two")), HttpStatusCode.Created);
        Assert.DoesNotContain("Waiting", last);
        stored = Assert.Single(await StoredAsync(world, id));
        Assert.True(stored.Complete);
        Assert.All(stored.Attachments, a => Assert.NotNull(a.Blob));
        Assert.Equal("image/jpeg", stored.Attachments.Single(a => a.Name == "member-2.jpg").ContentType);

        // Staff see the submission with its files (the XML as sent), and fetch a photo.
        var detail = await world.Analyst.GetStringAsync($"{Api}/forms/{FormId}/submissions/{Uri.EscapeDataString(id)}");
        Assert.Contains("\"complete\":true", detail);
        Assert.Equal("JPEG one", await world.Analyst.GetStringAsync($"{Api}/forms/{FormId}/submissions/{Uri.EscapeDataString(id)}/attachments/member-1.jpg"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Phones_posting_together_are_each_answered_after_their_submission_is_stored(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var ids = Enumerable.Range(0, 40).Select(_ => NewInstanceId()).ToList();
        // Each twice, at once: one 201 and one 202 per instance, however the batches fall.
        var answers = await Task.WhenAll(ids.Concat(ids).Select(id => world.SubmitAsync(Instance(id))));
        foreach (var group in answers.Zip(ids.Concat(ids)).GroupBy(a => a.Second))
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Accepted], group.Select(a => a.First.StatusCode).Order());
        Assert.Equal(40, await world.App.WithDbAsync(db => db.Set<Submission>().CountAsync()));
    }
}
