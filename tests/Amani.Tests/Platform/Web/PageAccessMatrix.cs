using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Users;
using Amani.Governance.Lessons;
using Amani.Platform.FollowUps;
using Amani.Register.Incidents;
using Amani.Register.Reporting;
using Amani.Governance.Results;
using Amani.Governance.Surveys;

namespace Amani.Tests.Platform.Web;

/// <summary>
/// Every page of the web application and who may open it: the pages' side of the access matrix (the API's is
/// <c>Access/AccessMatrix.cs</c>). A page that is not listed here fails <see cref="PageAccessTests"/>.
/// </summary>
public static class PageAccessMatrix
{
    /// <summary>How a page is gated.</summary>
    public enum Gate
    {
        /// <summary>Anyone, signed in or not (the public report form).</summary>
        Public,
        /// <summary>Any signed-in user; the anonymous are sent to sign in.</summary>
        SignedIn,
        /// <summary>A role granting the permission; in the route's mission when it has one (else 404), anywhere otherwise (else 403).</summary>
        Permission,
        /// <summary>Only a form post (no page of its own: a GET goes elsewhere), e.g. sign-out, the language switch.</summary>
        FormOnly,
    }

    /// <param name="Path">The page's route; <c>{code}</c> is replaced by the test mission's code.</param>
    /// <param name="Open">For a route with more parameters than <c>{code}</c> (e.g. <c>{id:guid}</c>): creates what the page shows in the
    /// test mission and returns the concrete path to open.</param>
    /// <param name="AlsoNeeded">A second permission that a role needs on what <paramref name="Open"/> created (recorded by someone else);
    /// a role with <paramref name="Permission"/> but without it gets a 403.</param>
    public sealed record Row(string Path, Gate Gate, Permission? Permission = null, Func<Infrastructure.TestApp, Task<string>>? Open = null,
        Permission? AlsoNeeded = null);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("/", Gate.SignedIn),
        new("/account/login", Gate.Public),
        new("/account/logout", Gate.FormOnly),
        new("/account/password", Gate.SignedIn),
        new("/language", Gate.FormOnly),
        new("/missions/{code}/incidents", Gate.Permission, Permission.IncidentsRead),
        new("/missions/{code}/incidents/new", Gate.Permission, Permission.IncidentsRecord),
        new("/missions/{code}/incidents/{id:guid}", Gate.Permission, Permission.IncidentsRead, app => Register.Incidents.Pages.IncidentPageData.PublicIncidentPathAsync(app)),
        new("/missions/{code}/incidents/{id:guid}/edit", Gate.Permission, Permission.IncidentsRecord,
            app => Register.Incidents.Pages.IncidentPageData.PublicIncidentPathAsync(app, "/edit"), AlsoNeeded: Permission.IncidentsTriage),
        new("/missions/{code}/triage", Gate.Permission, Permission.ReportsRead),
        new("/missions/{code}/alerts", Gate.Permission, Permission.AlertsRead),
        new("/report", Gate.Public),
        new("/report/status", Gate.Public),
        new("/admin", Gate.SignedIn),
        new("/admin/users", Gate.Permission, Permission.UsersManage),
        new("/admin/organizations", Gate.Permission, Permission.OrganizationsManage),
        new("/admin/missions", Gate.Permission, Permission.MissionsManage),
        new("/admin/missions/{code}", Gate.Permission, Permission.MissionsManage),
        new("/admin/missions/{code}/areas", Gate.Permission, Permission.AreasManage),
        new("/account/tokens", Gate.SignedIn),
        new("/notifications", Gate.SignedIn),
        new("/follow-ups", Gate.SignedIn),
        new("/missions/{code}/follow-ups", Gate.Permission, Permission.FollowUpsRead),
        // Signed in, then seen by the board's readers and the follow-up's owners (the duty officers): a partner gets 404.
        new("/missions/{code}/follow-ups/{id:guid}", Gate.Permission, Permission.FollowUpsRead, FollowUps.Pages.FollowUpPageData.PathAsync),
        new("/missions/{code}/lessons", Gate.Permission, Permission.LessonsRead),
        new("/missions/{code}/lessons/{id:guid}", Gate.Permission, Permission.LessonsRead, Governance.Lessons.Pages.LessonPageData.PathAsync),
        new("/missions/{code}/lessons/edit/{id:guid?}", Gate.Permission, Permission.LessonsRecord, _ => Task.FromResult($"/missions/{Infrastructure.TestMission.Code}/lessons/edit")),
        new("/missions/{code}", Gate.Permission, Permission.IncidentsRead),
        new("/missions/{code}/results", Gate.Permission, Permission.ResultsRead),
        new("/missions/{code}/surveys/preview", Gate.Permission, Permission.ResultsManage),
        new("/missions/{code}/surveys", Gate.Permission, Permission.SurveysRead),
        new("/missions/{code}/surveys/{id:guid}", Gate.Permission, Permission.SurveysRead, Governance.Surveys.Pages.SurveyPageData.SurveyPathAsync),
        new("/missions/{code}/surveys/app-users", Gate.Permission, Permission.SurveysManage),
        new("/missions/{code}/surveys/forms/{xmlFormId}/fill", Gate.Permission, Permission.SurveysSubmit, Governance.Surveys.Pages.SurveyPageData.FillPathAsync),
        new("/missions/{code}/surveys/forms/{xmlFormId}/submissions", Gate.Permission, Permission.SurveysRead,
            app => Governance.Surveys.Submissions.SubmissionPageData.PathAsync(app, false)),
        new("/missions/{code}/surveys/forms/{xmlFormId}/submissions/{instanceId}", Gate.Permission, Permission.SurveysRead,
            app => Governance.Surveys.Submissions.SubmissionPageData.PathAsync(app, true)),
        new("/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}", Gate.Permission, Permission.SurveysRead,
            Governance.Surveys.Rounds.RoundPageData.PathAsync),
        new("/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}/manage", Gate.Permission, Permission.SurveysManage,
            async app => await Governance.Surveys.Rounds.RoundPageData.PathAsync(app) + "/manage"),
        new("/missions/{code}/surveys/{id:guid}/rounds", Gate.Permission, Permission.SurveysRead,
            async app => await Governance.Surveys.Pages.SurveyPageData.SurveyPathAsync(app) + "/rounds"),
        new("/missions/{code}/surveys/{id:guid}/measures", Gate.Permission, Permission.SurveysRead,
            async app => await Governance.Surveys.Pages.SurveyPageData.SurveyPathAsync(app) + "/measures"),
        // An indicator the test's partner organisation reports on: its partners see it and enter it like mission staff.
        new("/missions/{code}/results/indicators/{id:guid}", Gate.Permission, Permission.ResultsRead, app => Governance.Results.Pages.ResultsPageData.IndicatorPathAsync(app)),
        new("/missions/{code}/results/indicators/{id:guid}/enter", Gate.Permission, Permission.ResultsEnter,
            app => Governance.Results.Pages.ResultsPageData.IndicatorPathAsync(app, "/enter")),
        // Assessments are the mission staff's: a partner (results:read, but no follow-ups:read, which every staff reader holds) gets 403.
        new("/missions/{code}/results/assessments", Gate.Permission, Permission.ResultsRead, AlsoNeeded: Permission.FollowUpsRead),
        // Starting an assessment: results:manage (administrators, planning officers); everyone else gets 404, as for any mission page they may not use.
        new("/missions/{code}/results/assessments/new", Gate.Permission, Permission.ResultsManage),
        new("/missions/{code}/results/assessments/{id:guid}", Gate.Permission, Permission.ResultsRead, Governance.Results.Pages.AssessmentPageData.PathAsync,
            AlsoNeeded: Permission.FollowUpsRead),
        new("/public/missions/{code}/results", Gate.Public),
    ];
}
