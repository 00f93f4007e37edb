using Amani.Governance.Results;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>What the page matrix opens: an assessment of the test mission's plan (its current one, else a new version 1).</summary>
public static class AssessmentPageData
{
    public static Task<string> PathAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var user = await db.Users.Select(u => u.Id).FirstAsync();
        var plan = await PlanQueries.CurrentAsync(db, mission.Id, CancellationToken.None)
            ?? (await services.GetRequiredService<PlanRules>().CreateAsync(mission.Id, new PlanInput("Page plan", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)),
                user, CancellationToken.None)).Value!;
        var assessment = (await services.GetRequiredService<AssessmentRules>().CreateAsync(mission.Id, new AssessmentInput("Page assessment",
            new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), null, null, null, plan.Id), user, CancellationToken.None)).Value!;
        return $"/missions/{TestMission.Code}/results/assessments/{assessment.Id}";
    });
}
