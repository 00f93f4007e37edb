using Amani.Platform.Access;
using Amani.Platform.Records;

namespace Amani.Governance.Lessons;

/// <summary>
/// A lesson's life: its author (or a manager) submits a draft; a manager validates it — the whole mission then reads it —
/// or returns it to draft with a reason; a manager archives a validated lesson (or discards a draft) with a reason, and
/// may bring an archived lesson back.
/// </summary>
public static class LessonWorkflow
{
    public static Workflow<LessonStatus> Moves { get; } = Workflow<LessonStatus>.Define(Permission.LessonsRecord)
        .From(LessonStatus.Draft).To(LessonStatus.Submitted).ToWithReason(LessonStatus.Archived).By(Permission.LessonsManage)
        .From(LessonStatus.Submitted).To(LessonStatus.Validated).By(Permission.LessonsManage).ToWithReason(LessonStatus.Draft, LessonStatus.Archived)
            .By(Permission.LessonsManage)
        .From(LessonStatus.Validated).ToWithReason(LessonStatus.Archived).By(Permission.LessonsManage)
        .From(LessonStatus.Archived).ToWithReason(LessonStatus.Validated).By(Permission.LessonsManage)
        .Build();
}
