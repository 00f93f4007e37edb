namespace Amani.Access;

/// <summary>
/// The permission matrix: which role grants which permission. The README's roles table is checked against this
/// (RolePermissionsReadmeTests), and every endpoint × role is exercised by the access-matrix tests.
/// </summary>
public static class RolePermissions
{
    private static readonly Permission[] ReadReference =
        [Permission.MissionsRead, Permission.AreasRead, Permission.OrganizationsRead];

    private static readonly Dictionary<Role, HashSet<Permission>> Matrix = new()
    {
        [Role.Administrator] = [.. Enum.GetValues<Permission>()],
        [Role.Analyst] = [.. ReadReference],
        [Role.DutyOfficer] = [.. ReadReference],
        [Role.FieldOfficer] = [.. ReadReference],
        [Role.Partner] = [.. ReadReference],
    };

    public static bool Grants(Role role, Permission permission) => Matrix[role].Contains(permission);

    public static IEnumerable<Permission> Of(Role role) => Matrix[role];

    /// <summary>
    /// Permissions that only a global assignment (one without a mission) can exercise: they concern the whole
    /// platform, not one mission.
    /// </summary>
    public static bool IsPlatformWide(Permission permission) => permission is
        Permission.MissionsManage or Permission.OrganizationsManage or Permission.UsersManage or Permission.AuditRead;
}
