using Amani.Platform.Access;

namespace Amani.Governance.Lessons;

/// <summary>
/// What the caller may do with the lessons of one mission — the one place that decides it. A validated or archived lesson
/// is read by every holder of <c>lessons:read</c> whose area scope covers its area (a lesson for the whole mission is
/// read by every area scope); a draft or submitted one only by its author and by the holders of <c>lessons:manage</c>
/// whose scope covers its area (a lesson for the whole mission needs a manager of the whole mission). Anyone else gets 404.
/// The author always sees and, until it is validated, edits their own; managers edit any lesson in their scope.
/// </summary>
public sealed record LessonRights(Guid MissionId, Guid? UserId, AreaScope? Read, AreaScope? Record, AreaScope? Manage)
{
    public static async Task<LessonRights> OfAsync(AccessContext access, Guid missionId, CancellationToken cancellationToken) => new(missionId,
        access.UserId,
        await access.AreaScopeAsync(missionId, Permission.LessonsRead, cancellationToken),
        await access.AreaScopeAsync(missionId, Permission.LessonsRecord, cancellationToken),
        await access.AreaScopeAsync(missionId, Permission.LessonsManage, cancellationToken));

    /// <summary>Whether a reader's scope reaches a lesson of <paramref name="areaId"/> (a lesson for the whole mission reaches every scope).</summary>
    private static bool Reaches(AreaScope? scope, Guid? areaId) => scope is not null && (areaId is null || scope.Covers(areaId));

    public bool IsAuthor(Lesson lesson) => UserId is { } me && lesson.AuthorUserId == me;

    /// <summary>May record a lesson of <paramref name="areaId"/> (null: the whole mission).</summary>
    public bool MayRecord(Guid? areaId) => Reaches(Record, areaId);

    public bool Manages(Guid? areaId) => Manage is not null && Manage.Covers(areaId);

    public bool Sees(Lesson lesson) => IsAuthor(lesson)
        || (Reaches(Read, lesson.AreaId) && (lesson.Status is LessonStatus.Validated or LessonStatus.Archived || Manages(lesson.AreaId)));

    public bool MayEdit(Lesson lesson) => lesson.Status != LessonStatus.Archived
        && (Manages(lesson.AreaId) || (IsAuthor(lesson) && Record is not null && lesson.Status is LessonStatus.Draft or LessonStatus.Submitted));

    /// <summary>May make this move: submitting is for the author and managers, every other move for managers.</summary>
    public bool MayMove(Lesson lesson, LessonStatus to) => LessonWorkflow.Moves.Find(lesson.Status, to) is { } move
        && (move.Permission == Permission.LessonsManage ? Manages(lesson.AreaId) : Manages(lesson.AreaId) || (IsAuthor(lesson) && Record is not null));

    /// <summary>May make some move now (else the transitions endpoint answers 403).</summary>
    public bool MayMoveAtAll(Lesson lesson) => LessonWorkflow.Moves.NextFrom(lesson.Status).Any(to => MayMove(lesson, to));

    /// <summary>The lessons of the mission the caller may see, as a query.</summary>
    public IQueryable<Lesson> Visible(IQueryable<Lesson> lessons)
    {
        var me = UserId ?? Guid.Empty;
        lessons = lessons.Where(l => l.MissionId == MissionId);
        if (Read is null)
            return lessons.Where(l => l.AuthorUserId == me);
        var readAreas = Read.AreaList;
        var inScope = readAreas is null ? lessons : lessons.Where(l => l.AreaId == null || readAreas.Contains(l.AreaId.Value) || l.AuthorUserId == me);
        if (Manage is null)
            return inScope.Where(l => l.AuthorUserId == me || l.Status == LessonStatus.Validated || l.Status == LessonStatus.Archived);
        if (Manage.AreaList is not { } manageAreas)
            return inScope;
        return inScope.Where(l => l.AuthorUserId == me || l.Status == LessonStatus.Validated || l.Status == LessonStatus.Archived
                                  || (l.AreaId != null && manageAreas.Contains(l.AreaId.Value)));
    }
}
