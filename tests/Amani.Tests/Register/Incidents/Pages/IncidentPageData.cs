using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Register.Incidents.Pages;

/// <summary>Incidents of the test mission for the page tests, recorded through <see cref="IncidentRules"/> as the API records them.</summary>
public static class IncidentPageData
{
    public static IncidentInput Input(string description, string category = "violence-against-civilians.attack", IncidentSource source = IncidentSource.Patrol,
        double? latitude = 4.5, double? longitude = 18.5, DateTimeOffset? occurredAt = null, Confidentiality confidentiality = Confidentiality.Mission) =>
        new(source, category, occurredAt ?? DateTimeOffset.UtcNow.AddHours(-3), null, null, latitude, longitude, null, "Near Boali", null,
            [new ActorInput("Unidentified armed group", 1, ActorType.RebelGroup)], 1, 2, 3, 2, null, null, null, description, false, confidentiality, null,
            null, null);

    /// <summary>Records <paramref name="input"/> in the test mission as <paramref name="recordedBy"/> and returns its id.</summary>
    public static Task<Guid> RecordAsync(TestApp app, Guid recordedBy, IncidentInput input) => app.WithScopeAsync(async services =>
    {
        var mission = await services.GetRequiredService<AmaniDbContext>().Missions.FirstAsync(m => m.Code == TestMission.Code);
        var result = await services.GetRequiredService<IncidentRules>().CreateAsync(mission, input, recordedBy, CancellationToken.None);
        Assert.True(result.Succeeded, result.Refusal?.Message);
        return result.Value!.Id;
    });

    /// <summary>A public incident (every role of the mission may see it) recorded by a separate duty officer: the path of its page.</summary>
    public static async Task<string> PublicIncidentPathAsync(TestApp app, string suffix = "")
    {
        var recorder = await app.CreateUserAsync(Amani.Platform.Access.Role.DutyOfficer, TestMission.Code);
        var id = await RecordAsync(app, recorder.Id, Input("A public incident for the page matrix.", confidentiality: Confidentiality.Public));
        return $"/missions/{TestMission.Code}/incidents/{id}{suffix}";
    }
}
