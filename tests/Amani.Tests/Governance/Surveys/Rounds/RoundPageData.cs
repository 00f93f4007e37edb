using System.Text;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>What the page matrix opens: a round of the perception form (no submission yet) in a survey of the test mission.</summary>
public static class RoundPageData
{
    public static Task<string> PathAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var imported = await services.GetRequiredService<FormImports>().ImportAsync(mission, null, "perception.xml",
            new MemoryStream(Encoding.UTF8.GetBytes(RoundWorld.PerceptionXForm())), null, CancellationToken.None);
        var form = imported.Value!;
        var survey = await services.GetRequiredService<AmaniDbContext>().Set<Survey>().Include(s => s.Team).SingleAsync(s => s.Id == form.SurveyId);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var round = (await services.GetRequiredService<RoundBook>().CreateAsync(survey, new RoundInput("Matrix round", null, form.XmlFormId, today, today,
            "area", "village", "sex", "age", "consent", null, null, [new StratumInput(RoundWorld.A, 1000)]), null, CancellationToken.None)).Value!;
        return $"/missions/{TestMission.Code}/surveys/{survey.Id}/rounds/{round.Id}";
    });
}
