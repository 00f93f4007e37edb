namespace Amani.Platform.Access;

/// <summary>
/// The permission matrix: which role grants which permission, as the modules declare it (<see cref="AccessCatalog"/>).
/// docs/platform/access.md's roles table is checked against it (RolePermissionsReadmeTests), and every endpoint × role
/// is exercised by the access-matrix tests.
/// </summary>
public static class RolePermissions
{
    public static bool Grants(Role role, Permission permission) => AccessCatalog.Of(role).Contains(permission);

    public static IEnumerable<Permission> Of(Role role) => AccessCatalog.Of(role);

    /// <summary>Roles that hold <paramref name="permission"/>.</summary>
    public static IEnumerable<Role> Holding(Permission permission) => AccessCatalog.Roles.Where(r => Grants(r, permission));

    /// <summary>
    /// Permissions that only a global assignment (one without a mission) can exercise: they concern the whole
    /// platform, not one mission.
    /// </summary>
    public static bool IsPlatformWide(Permission permission) => permission.PlatformWide;
}
