namespace Amani.Platform.Access;

/// <summary>
/// The permission matrix: which role grants which permission. The README's roles table is checked against this
/// (RolePermissionsReadmeTests), and every endpoint × role is exercised by the access-matrix tests.
/// </summary>
public static class RolePermissions
{
    private static readonly Permission[] ReadReference =
        [Permission.MissionsRead, Permission.AreasRead, Permission.OrganizationsRead];

    /// <summary>
    /// Follow-ups: the board (read), recording progress on what one owes (update: every role, a partner included, for the
    /// follow-ups it owns), and creating and changing any in scope (manage).
    /// </summary>
    private static readonly Permission[] FollowUps = [Permission.FollowUpsRead, Permission.FollowUpsUpdate, Permission.FollowUpsManage];

    /// <summary>
    /// Revealing a reporter's contact is deliberately not an administrator's permission: only the duty officers who
    /// answer reporters hold it, and every reveal is audited.
    /// </summary>
    /// Downloading a photo's original (EXIF: GPS position, time, camera serial — which can point at the reporter) is
    /// likewise kept from administrators: analysts and duty officers, who verify incidents, hold it; each download is audited.
    private static readonly Dictionary<Role, HashSet<Permission>> Matrix = new()
    {
        [Role.Administrator] = [.. Enum.GetValues<Permission>().Except([Permission.ReportsRevealContact, Permission.AttachmentsOriginal])],
        [Role.Analyst] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord, Permission.ReportsRead, Permission.AttachmentsOriginal,
            Permission.AlertsRead, Permission.AlertsManage, Permission.AlertsRespond, .. FollowUps],
        [Role.DutyOfficer] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord, Permission.IncidentsTriage,
            Permission.ReportsRead, Permission.ReportsTriage, Permission.ReportsRevealContact, Permission.AttachmentsOriginal,
            Permission.AlertsRead, Permission.AlertsRespond, .. FollowUps],
        [Role.FieldOfficer] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord, Permission.AlertsRead, Permission.AlertsRespond,
            Permission.FollowUpsRead, Permission.FollowUpsUpdate],
        [Role.Partner] = [.. ReadReference, Permission.IncidentsRead, Permission.IncidentsRecord, Permission.FollowUpsUpdate],
    };

    public static bool Grants(Role role, Permission permission) => Matrix[role].Contains(permission);

    public static IEnumerable<Permission> Of(Role role) => Matrix[role];

    /// <summary>
    /// Permissions that only a global assignment (one without a mission) can exercise: they concern the whole
    /// platform, not one mission.
    /// </summary>
    public static bool IsPlatformWide(Permission permission) => permission is
        Permission.MissionsManage or Permission.OrganizationsManage or Permission.UsersManage or Permission.AuditRead or
        Permission.ImportsRun;
}
