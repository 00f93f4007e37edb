using Amani.Platform.Access;

namespace Amani.Foundation.Users;

/// <summary>The Users module's permission and who holds it (see <see cref="AccessCatalog"/>).</summary>
public static class UserPermissions
{
    extension(Permission)
    {
        public static Permission UsersManage => new("users:manage", platformWide: true);
    }

    public static IEnumerable<PermissionGrant> Grants => [PermissionGrant.To(Permission.UsersManage, Role.Administrator)];
}
