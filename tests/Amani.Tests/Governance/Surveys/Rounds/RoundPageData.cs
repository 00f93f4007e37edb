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
        var formId = "perception_" + Guid.NewGuid().ToString("N")[..8]; // a new survey each call (the round page's row and the manage page's)
        var imported = await services.GetRequiredService<FormImports>().ImportAsync(mission, null, formId + ".xml",
            new MemoryStream(Encoding.UTF8.GetBytes(RoundWorld.PerceptionXForm().Replace("id=\"perception\"", $"id=\"{formId}\""))), null, CancellationToken.None);
        var form = imported.Value ?? throw new InvalidOperationException($"The matrix round's form was refused: {imported.Refusal?.Message} {string.Join("; ", imported.Problems?.Select(p => p.ToString()) ?? [])}");
        var survey = await services.GetRequiredService<AmaniDbContext>().Set<Survey>().Include(s => s.Team).SingleAsync(s => s.Id == form.SurveyId);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var created = await services.GetRequiredService<RoundBook>().CreateAsync(survey, new RoundInput("Matrix round " + formId, null, form.XmlFormId, today, today,
            "area", "village", "sex", "age", "consent", null, null, [new StratumInput(RoundWorld.A, 1000)]), null, CancellationToken.None);
        var round = created.Value ?? throw new InvalidOperationException($"The matrix round was refused: {created.Refusal?.Message}");
        return $"/missions/{TestMission.Code}/surveys/{survey.Id}/rounds/{round.Id}";
    });
}
