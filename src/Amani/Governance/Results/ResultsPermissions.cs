using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Platform.Access;
using Amani.Platform.FollowUps;
using Amani.Register.Incidents;

namespace Amani.Governance.Results;

/// <summary>
/// The results framework's permissions and who holds them (see <see cref="AccessCatalog"/>): reading the plan and its
/// indicators (mission staff; a partner only the indicators its organisation reports on), entering values, managing the
/// plan (its versions, indicators, targets, assessments) and approving periods (an indicator's owner, or a holder of
/// <c>results:manage</c>).
/// </summary>
public static class ResultsPermissions
{
    extension(Role)
    {
        /// <summary>Planning and monitoring-and-evaluation officer: keeps the mission's plan, its indicators, assessments and lessons.</summary>
        public static Role PlanningOfficer => new("PlanningOfficer", new("planning and M&E officer", "planning and M&E officers"),
            new("chargé de planification et de suivi-évaluation", "chargés de planification et de suivi-évaluation"));
    }

    extension(Permission)
    {
        public static Permission ResultsRead => new("results:read");
        public static Permission ResultsEnter => new("results:enter");
        public static Permission ResultsManage => new("results:manage");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.ResultsRead, Role.Administrator, Role.PlanningOfficer, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.ResultsEnter, Role.Administrator, Role.PlanningOfficer, Role.Analyst, Role.Partner),
        PermissionGrant.To(Permission.ResultsManage, Role.Administrator, Role.PlanningOfficer),
        // What the planning officer needs of the modules below, granted here so that they need not name a role they do
        // not know: the mission, its areas and organisations, the incidents behind the indicators (read only), and the
        // follow-ups of accepted recommendations.
        PermissionGrant.To(Permission.MissionsRead, Role.PlanningOfficer),
        PermissionGrant.To(Permission.AreasRead, Role.PlanningOfficer),
        PermissionGrant.To(Permission.OrganizationsRead, Role.PlanningOfficer),
        PermissionGrant.To(Permission.IncidentsRead, Role.PlanningOfficer),
        PermissionGrant.To(Permission.FollowUpsRead, Role.PlanningOfficer),
        PermissionGrant.To(Permission.FollowUpsUpdate, Role.PlanningOfficer),
        PermissionGrant.To(Permission.FollowUpsManage, Role.PlanningOfficer),
    ];
}
