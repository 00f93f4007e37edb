using Amani.Platform.Access;

namespace Amani.Foundation.Missions;

/// <summary>The Missions module's permissions and who holds them (see <see cref="AccessCatalog"/>).</summary>
public static class MissionPermissions
{
    extension(Permission)
    {
        public static Permission MissionsRead => new("missions:read");
        public static Permission MissionsManage => new("missions:manage", platformWide: true);
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.MissionsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.MissionsManage, Role.Administrator),
    ];
}
