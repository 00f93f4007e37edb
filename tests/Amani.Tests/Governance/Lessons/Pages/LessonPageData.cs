using Amani.Governance.Lessons;
using Amani.Platform.Access;
using Amani.Platform.Directories;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Amani.Tests.Governance.Lessons.Pages;

/// <summary>What the page matrix opens: a validated lesson of the whole test mission, recorded by a duty officer.</summary>
public static class LessonPageData
{
    public static async Task<string> PathAsync(TestApp app)
    {
        var author = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        return await app.WithScopeAsync(async services =>
        {
            var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
            var book = services.GetRequiredService<LessonBook>();
            var rights = new LessonRights(mission.Id, author.Id, AreaScope.WholeMission, AreaScope.WholeMission, AreaScope.WholeMission);
            var lesson = (await book.CreateAsync(mission, new LessonInput(LessonKind.Lesson, "A lesson for the page matrix", null, "Observed.", null, "Recommended.",
                null, null, null, null, ["matrix"], null, true, null), rights, CancellationToken.None)).Value!;
            lesson = (await book.MoveAsync(lesson, lesson.Version, new LessonTransitionRequest(LessonStatus.Submitted, null), rights, CancellationToken.None)).Value!;
            await book.MoveAsync(lesson, lesson.Version, new LessonTransitionRequest(LessonStatus.Validated, null), rights, CancellationToken.None);
            return $"/missions/{TestMission.Code}/lessons/{lesson.Id}";
        });
    }
}
