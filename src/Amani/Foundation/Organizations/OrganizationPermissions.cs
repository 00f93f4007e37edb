using Amani.Platform.Access;

namespace Amani.Foundation.Organizations;

/// <summary>The Organizations module's permissions and who holds them (see <see cref="AccessCatalog"/>).</summary>
public static class OrganizationPermissions
{
    extension(Permission)
    {
        public static Permission OrganizationsRead => new("organizations:read");
        public static Permission OrganizationsManage => new("organizations:manage", platformWide: true);
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.OrganizationsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.OrganizationsManage, Role.Administrator),
    ];
}
