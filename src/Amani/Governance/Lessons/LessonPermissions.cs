using Amani.Governance.Results;
using Amani.Platform.Access;

namespace Amani.Governance.Lessons;

/// <summary>
/// The lessons register's permissions and who holds them (see <see cref="AccessCatalog"/>): reading the validated lessons
/// of a mission, recording lessons and after-action reviews (and editing one's own drafts), and managing them (validating,
/// archiving, editing any, turning a recommendation into a follow-up). Partners hold none.
/// </summary>
public static class LessonPermissions
{
    extension(Permission)
    {
        public static Permission LessonsRead => new("lessons:read");
        public static Permission LessonsRecord => new("lessons:record");
        public static Permission LessonsManage => new("lessons:manage");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.LessonsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.PlanningOfficer),
        PermissionGrant.To(Permission.LessonsRecord, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.PlanningOfficer),
        PermissionGrant.To(Permission.LessonsManage, Role.Administrator, Role.Analyst, Role.PlanningOfficer),
    ];
}
