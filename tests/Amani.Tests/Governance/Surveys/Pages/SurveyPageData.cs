using System.Text;
using Amani.Governance.Surveys;
using Amani.Platform.Directories;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Pages;

/// <summary>What the page matrix opens: a survey of the test mission with an open form (<see cref="SurveyWorld.XForm"/> under a new form id).</summary>
public static class SurveyPageData
{
    public static Task<string> SurveyPathAsync(TestApp app) => app.WithScopeAsync(async services =>
        $"/missions/{TestMission.Code}/surveys/{(await ImportAsync(services)).SurveyId}");

    public static Task<string> FillPathAsync(TestApp app) => app.WithScopeAsync(async services =>
        $"/missions/{TestMission.Code}/surveys/forms/{(await ImportAsync(services)).XmlFormId}/fill");

    private static async Task<FormImportResponse> ImportAsync(IServiceProvider services)
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var formId = "page_" + Guid.NewGuid().ToString("N")[..8];
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(SurveyWorld.XForm(formId: formId, title: "Page matrix " + formId)));
        var outcome = await services.GetRequiredService<FormImports>().ImportAsync(mission, null, formId + ".xml", content, null, CancellationToken.None);
        Assert.NotNull(outcome.Value);
        return outcome.Value;
    }
}
