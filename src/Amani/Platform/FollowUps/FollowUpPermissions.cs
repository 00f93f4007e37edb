using Amani.Platform.Access;

namespace Amani.Platform.FollowUps;

/// <summary>Follow-ups' permissions and who holds them (see <see cref="AccessCatalog"/>): the board (read), recording progress on what one owes (update: every role, a partner included, for the follow-ups it owns), and creating and changing any in scope (manage).</summary>
public static class FollowUpPermissions
{
    extension(Permission)
    {
        public static Permission FollowUpsRead => new("follow-ups:read");
        public static Permission FollowUpsUpdate => new("follow-ups:update");
        public static Permission FollowUpsManage => new("follow-ups:manage");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.FollowUpsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer),
        PermissionGrant.To(Permission.FollowUpsUpdate, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.FollowUpsManage, Role.Administrator, Role.Analyst, Role.DutyOfficer),
    ];
}
