using Amani.Platform.Access;

namespace Amani.Foundation.Areas;

/// <summary>The Areas module's permissions and who holds them (see <see cref="AccessCatalog"/>).</summary>
public static class AreaPermissions
{
    extension(Permission)
    {
        public static Permission AreasRead => new("areas:read");
        public static Permission AreasManage => new("areas:manage");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.AreasRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.AreasManage, Role.Administrator),
    ];
}
