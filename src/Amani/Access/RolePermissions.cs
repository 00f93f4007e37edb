namespace Amani.Access;

/// <summary>
/// The permission matrix: which role grants which permission. The README's roles table is checked against this
/// (RolePermissionsReadmeTests), and every endpoint × role is exercised by the access-matrix tests.
/// </summary>
public static class RolePermissions
{
    private static readonly Permission[] ReadReference =
        [Permission.MissionsRead, Permission.AreasRead, Permission.OrganizationsRead];

    /// <summary>
    /// Revealing a reporter's contact is deliberately not an administrator's permission: only the duty officers who
    /// answer reporters hold it, and every reveal is audited.
    /// </summary>
    private static readonly Dictionary<Role, HashSet<Permission>> Matrix = new()
    {
        [Role.Administrator] = [.. Enum.GetValues<Permission>().Except([Permission.ReportsRevealContact])],
        [Role.Analyst] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord, Permission.ReportsRead],
        [Role.DutyOfficer] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord, Permission.IncidentsTriage,
            Permission.ReportsRead, Permission.ReportsTriage, Permission.ReportsRevealContact],
        [Role.FieldOfficer] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord],
        [Role.Partner] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord],
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
