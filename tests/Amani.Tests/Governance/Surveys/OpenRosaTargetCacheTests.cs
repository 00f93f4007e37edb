using System.Net;
using System.Net.Http.Json;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.OpenRosa;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// The lookups a submission post makes before the intake queue (its mission, its form version) are kept in memory
/// (<see cref="SubmissionTargetCache"/>), and any committed change of a form, version or survey — through the API or any
/// other save, in a transaction or not — drops them at once: a form closed after phones submitted to it refuses the next post.
/// </summary>
public sealed class OpenRosaTargetCacheTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_version_or_survey_closed_after_submissions_were_received_refuses_the_next_post_at_once(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var cache = world.App.Services.GetRequiredService<SubmissionTargetCache>();
        var missionId = await world.App.WithDbAsync(db => db.Set<Amani.Foundation.Missions.Mission>().Where(m => m.Code == SurveyWorld.Mission).Select(m => m.Id).SingleAsync());
        async Task AcceptedAsync()
        {
            await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId())), HttpStatusCode.Created);
            Assert.NotNull(cache.Target(missionId, null, FormId, V1)); // kept: the next post reads nothing
            Assert.NotNull(cache.Mission(SurveyWorld.Mission));
        }
        async Task RefusedAsync() =>
            Assert.Contains("is closed", await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId())), HttpStatusCode.Forbidden));

        await AcceptedAsync();
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "closed", version = V1 })).StatusCode);
        Assert.Null(cache.Target(missionId, null, FormId, V1));
        await RefusedAsync();

        Assert.Equal(HttpStatusCode.OK, (await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "open", version = V1 })).StatusCode);
        await AcceptedAsync();
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "closed" })).StatusCode);
        await RefusedAsync();
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "open" })).StatusCode);
        await AcceptedAsync();

        // A change saved in an explicit transaction is dropped once the transaction commits.
        await world.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var survey = await db.Set<Survey>().SingleAsync(s => s.Id == world.SurveyId);
            survey.State = SurveyState.Closed;
            services.GetRequiredService<Amani.Platform.Audit.AuditLog>().Record(Amani.Platform.Audit.AuditAction.SurveyUpdated, Survey.AuditEntity, survey.Id, "Closed by a test.");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });
        Assert.Null(cache.Target(missionId, null, FormId, V1));
        await RefusedAsync();
        Assert.Equal(3, await world.App.WithDbAsync(db => db.Set<Submission>().CountAsync()));
    }
}
