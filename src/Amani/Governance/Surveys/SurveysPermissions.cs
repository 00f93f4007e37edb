using Amani.Governance.Results;
using Amani.Platform.Access;

namespace Amani.Governance.Surveys;

/// <summary>
/// The surveys' permissions and who holds them (see <see cref="AccessCatalog"/>): reading a mission's surveys, forms and
/// submissions (a sensitive survey's submissions: its team only), managing them (surveys, forms and their versions, app
/// users and their QR codes), and submitting filled forms as a field account (OpenRosa with the account's password, or
/// the browser). Partners hold none. App users hold no role: their token reaches the OpenRosa endpoints only.
/// </summary>
public static class SurveysPermissions
{
    extension(Permission)
    {
        public static Permission SurveysRead => new("surveys:read");
        public static Permission SurveysManage => new("surveys:manage");
        public static Permission SurveysSubmit => new("surveys:submit");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.SurveysRead, Role.Administrator, Role.PlanningOfficer, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer),
        PermissionGrant.To(Permission.SurveysManage, Role.Administrator, Role.PlanningOfficer),
        PermissionGrant.To(Permission.SurveysSubmit, Role.Administrator, Role.PlanningOfficer, Role.FieldOfficer),
    ];
}
