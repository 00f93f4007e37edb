using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Register.Reporting.Pages.Triage;

/// <summary>The triage page's keyset paging: new reports first, newest first, every report exactly once, filters.</summary>
public sealed class TriageQueueTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Pages_list_new_reports_first_then_the_others_each_exactly_once_even_when_received_at_the_same_instant(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        // The test clock stands still: whole batches share one received_at, so the id decides the order within it.
        var ids = new List<Guid>();
        for (var i = 0; i < 130; i++)
        {
            if (i % 40 == 0)
                app.Clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add(await SubmitAsync(app, mission.Id, i % 3 == 0 ? ReportChannel.Sms : ReportChannel.Web, $"Report number {i}"));
        }
        var reviewed = ids.Where((_, i) => i % 4 == 0).ToHashSet();
        await app.WithDbAsync(async db =>
        {
            await db.CommunityReports.Where(r => reviewed.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReportStatus.InReview));
            return 0;
        });

        var seen = await AllPagesAsync(app, mission.Id, TriageFilter.Parse(null, null, null));
        Assert.Equal(130, seen.Count);
        Assert.Equal(130, seen.Select(r => r.Id).Distinct().Count());
        var firstReviewed = seen.FindIndex(r => r.Status == ReportStatus.InReview);
        Assert.Equal(130 - reviewed.Count, firstReviewed);
        Assert.All(seen.Skip(firstReviewed), r => Assert.Equal(ReportStatus.InReview, r.Status));
        Assert.All(seen.Take(firstReviewed).Zip(seen.Skip(1).Take(firstReviewed - 1)), pair => Assert.True(pair.First.ReceivedAt >= pair.Second.ReceivedAt));

        var sms = await AllPagesAsync(app, mission.Id, TriageFilter.Parse("new", "sms", null));
        Assert.Equal(ids.Where((id, i) => i % 3 == 0 && !reviewed.Contains(id)).ToHashSet(), sms.Select(r => r.Id).ToHashSet());
        Assert.Empty(await AllPagesAsync(app, mission.Id, TriageFilter.Parse("closed", null, null)));
        Assert.Empty(await AllPagesAsync(app, mission.Id, TriageFilter.Parse("all", null, "battles")));
    }

    private static async Task<List<TriageRow>> AllPagesAsync(TestApp app, Guid missionId, TriageFilter filter)
    {
        var all = new List<TriageRow>();
        string? after = null;
        do
        {
            var page = await app.WithScopeAsync(services => services.GetRequiredService<TriageQueue>().PageAsync(missionId, filter, AreaScope.WholeMission, after, CancellationToken.None));
            Assert.True(page.Items.Count <= TriageQueue.PageSize);
            all.AddRange(page.Items);
            after = page.Next;
        } while (after is not null);
        return all;
    }

    private static Task<Guid> SubmitAsync(TestApp app, Guid missionId, ReportChannel channel, string description) => app.WithScopeAsync(async services =>
        (await services.GetRequiredService<ReportIntake>().SubmitAsync(new NewReport(missionId, channel, description, null, null, null, null, null, null, null,
            false, null, null, "test"), CancellationToken.None)).ReportId!.Value);
}
