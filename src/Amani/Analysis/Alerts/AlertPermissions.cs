using Amani.Platform.Access;

namespace Amani.Analysis.Alerts;

/// <summary>The Alerts module's permissions and who holds them (see <see cref="AccessCatalog"/>).</summary>
public static class AlertPermissions
{
    extension(Permission)
    {
        public static Permission AlertsRead => new("alerts:read");
        public static Permission AlertsManage => new("alerts:manage");
        public static Permission AlertsRespond => new("alerts:respond");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.AlertsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer),
        PermissionGrant.To(Permission.AlertsManage, Role.Administrator, Role.Analyst),
        PermissionGrant.To(Permission.AlertsRespond, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer),
    ];
}
