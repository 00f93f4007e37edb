using Amani.Platform.Access;

namespace Amani.Register.Reporting;

/// <summary>The Reporting module's permissions and who holds them (see <see cref="AccessCatalog"/>). Revealing a reporter's contact is deliberately not an administrator's permission: only the duty officers who answer reporters hold it, and every reveal is audited.</summary>
public static class ReportPermissions
{
    extension(Permission)
    {
        public static Permission ReportsRead => new("reports:read");
        public static Permission ReportsTriage => new("reports:triage");
        public static Permission ReportsRevealContact => new("reports:reveal-contact");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.ReportsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer),
        PermissionGrant.To(Permission.ReportsTriage, Role.Administrator, Role.DutyOfficer),
        PermissionGrant.To(Permission.ReportsRevealContact, Role.DutyOfficer),
    ];
}
