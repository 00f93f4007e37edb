using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Amani.Tests.Platform.FollowUps.Pages;

/// <summary>What the page matrix opens: a mission-wide follow-up of the test mission, owed by the duty officers.</summary>
public static class FollowUpPageData
{
    public static Task<string> PathAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var request = new FollowUpCreateRequest("A follow-up for the page matrix", null,
            new FollowUpOwnerInput(FollowUpOwnerKind.Role, null, Amani.Platform.Access.Role.DutyOfficer, null),
            app.Clock.GetUtcNow().AddDays(7), 24, null, null, null, null, null);
        var created = await services.GetRequiredService<FollowUpBook>().CreateAsync(mission, request, null, _ => true, CancellationToken.None);
        return $"/missions/{TestMission.Code}/follow-ups/{created.Value!.Id}";
    });
}
