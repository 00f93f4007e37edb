using Amani.Platform.Audit;

namespace Amani.Governance.Lessons;

/// <summary>
/// The audit codes of the lessons register (block 4200–4299), added to <see cref="AuditAction"/>. Stable: stored in the
/// hash-chained log; never renumber or reuse one. The audit row names the actor even when a lesson is not attributed to
/// its author: the audit log is read by administrators only.
/// </summary>
public static class LessonAudit
{
    extension(AuditAction)
    {
        public static AuditAction LessonRecorded => new(4200, "LessonRecorded");
        public static AuditAction LessonEdited => new(4201, "LessonEdited");
        public static AuditAction LessonMoved => new(4202, "LessonMoved");
        public static AuditAction LessonFollowUpAsked => new(4203, "LessonFollowUpAsked");
    }
}
