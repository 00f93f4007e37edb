using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Tests.Infrastructure;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Register.Reporting;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// The data the access matrix runs against: mission ALPHA with areas AL and BE, a partner organisation, one signed-in
/// session per caller (each role over the mission, and analysts, duty officers and field officers scoped to AL or to BE),
/// a personal access token per caller, an incident and reports located in AL, and a target user with a role assignment
/// for the user-administration endpoints.
/// </summary>
public sealed class MatrixWorld
{
    public const string Mission = "ALPHA";
    public const string Area = "AL";
    /// <summary>A second area, beside <see cref="Area"/>: the world holds no record there.</summary>
    public const string OtherArea = "BE";

    public required IReadOnlyDictionary<AccessMatrix.Caller, TestUser> Users { get; init; }
    public required IReadOnlyDictionary<AccessMatrix.Caller, HttpClient> Sessions { get; init; }
    /// <summary>Signs the caller in afresh: for the sign-out endpoints, which end the session they are called with.</summary>
    public required Func<AccessMatrix.Caller, Task<HttpClient>> NewSession { get; init; }
    /// <summary>A session of a new user with the caller's role and scope (for signing out everywhere, which ends all of a user's sessions).</summary>
    public required Func<AccessMatrix.Caller, Task<HttpClient>> NewUserSession { get; init; }
    public required IReadOnlyDictionary<AccessMatrix.Caller, Guid> Tokens { get; init; }
    public required TestUser Target { get; init; }
    public required Guid Incident { get; init; }
    public required Guid Report { get; init; }
    public required string TrackingCode { get; init; }
    /// <summary>A photo the administrator attached to <see cref="Incident"/>, and a report sent with a photo.</summary>
    public Guid IncidentAttachment { get; init; }
    public Guid PhotoReport { get; init; }
    public Guid ReportAttachment { get; init; }
    /// <summary>A finished import job (a small ViEWS file the administrator uploaded).</summary>
    public Guid ImportJob { get; init; }
    /// <summary>A public alert rule over the whole mission, and the alert it raised on <see cref="Incident"/>.</summary>
    public Guid AlertRule { get; init; }
    public Guid Alert { get; init; }
    /// <summary>A follow-up asked by the administrator of the duty officers, for the whole mission.</summary>
    public Guid FollowUp { get; init; }
    /// <summary>A validated lesson of area AL, recorded by the administrator.</summary>
    public Guid Lesson { get; init; }
    /// <summary>An entered indicator nobody owns or reports on, and a draft plan (see <c>MatrixResults</c>).</summary>
    public Guid Indicator { get; init; }
    public Guid Plan { get; init; }
    /// <summary>A draft assessment of <see cref="Plan"/> with one undecided recommendation (see <c>MatrixAssessments</c>).</summary>
    public Guid Assessment { get; init; }
    public Guid Recommendation { get; init; }
    /// <summary>A form, an app user and a submission (see <c>MatrixSurveys</c>).</summary>
    public required Amani.Tests.Governance.Surveys.MatrixSurveys.World Surveys { get; init; }

    public static object NewIncident => new
    {
        source = "patrol", categoryCode = "battles.armed-clash", occurredAt = DateTimeOffset.UtcNow.AddDays(-1), description = "Matrix incident",
        confidentiality = "public",
    };
    public required Guid TargetAssignment { get; init; }

    /// <summary>A square boundary of one degree whose south-west corner is (<paramref name="west"/>, <paramref name="south"/>).</summary>
    private static JsonElement Square(double west, double south) => JsonDocument.Parse(
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{west + 1}},{{south}}],[{{west + 1}},{{south + 1}}],[{{west}},{{south + 1}}],[{{west}},{{south}}]]]}""").RootElement;

    public static async Task<MatrixWorld> CreateAsync(TestApp app)
    {
        var partnerOrganization = await app.WithScopeAsync(async services =>
        {
            var missions = services.GetRequiredService<MissionRules>();
            var mission = (await missions.CreateAsync(new CreateMissionRequest(Mission, "Matrix mission", "CAF", null), CancellationToken.None)).Value!;
            var areas = services.GetRequiredService<AreaRules>();
            await areas.AddAsync(mission, new CreateAreaRequest(Area, "Area AL", 1, null, Square(18, 4), null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(OtherArea, "Area BE", 1, null, Square(20, 4), null, null), CancellationToken.None);
            await services.GetRequiredService<Amani.Platform.Data.AmaniDbContext>().SaveChangesAsync();
            return (await services.GetRequiredService<OrganizationRules>().CreateAsync(
                new CreateOrganizationRequest("Matrix partner", "MP", OrganizationKind.Ngo, null), CancellationToken.None)).Value!;
        });

        Task<TestUser> CreateAsync(AccessMatrix.Caller caller) => AccessMatrix.RoleOf(caller) is { } role
            ? app.CreateUserAsync(role, role == Role.Administrator ? null : Mission, role.ForOrganization ? partnerOrganization.Id : null, AccessMatrix.AreaOf(caller))
            : throw new ArgumentException("The anonymous caller has no account.");
        var users = new Dictionary<AccessMatrix.Caller, TestUser>();
        foreach (var caller in Enum.GetValues<AccessMatrix.Caller>().Where(c => c != AccessMatrix.Caller.Anonymous))
            users[caller] = await CreateAsync(caller);
        var target = await app.CreateUserAsync(Role.FieldOfficer, Mission);

        var tokens = new Dictionary<AccessMatrix.Caller, Guid>();
        Guid assignment = default;
        await app.WithScopeAsync(async services =>
        {
            var userManager = services.GetRequiredService<UserManager<AmaniUser>>();
            foreach (var (caller, user) in users)
            {
                var issued = await services.GetRequiredService<TokenIssuer>().IssueAsync((await userManager.FindByIdAsync(user.Id.ToString()))!,
                    "matrix", ["missions:read"], 30, CancellationToken.None);
                tokens[caller] = issued.Value!.Token.Id;
            }
            var db = services.GetRequiredService<Amani.Platform.Data.AmaniDbContext>();
            assignment = db.RoleAssignments.Single(a => a.UserId == target.Id).Id;
            return 0;
        });

        var adminSession = await app.SignInAsync(users[AccessMatrix.Caller.Administrator]);
        var incident = await (await adminSession.PostAsJsonAsync($"/api/v1/missions/{Mission}/incidents", new
        {
            source = "patrol", categoryCode = "battles.armed-clash", occurredAt = DateTimeOffset.UtcNow.AddDays(-1), description = "Matrix incident",
            confidentiality = "public", latitude = 4.5, longitude = 18.5, // in area AL
        })).Content.ReadFromJsonAsync<JsonElement>();
        var (alertRule, alert) = await Amani.Tests.Analysis.Alerts.MatrixAlerts.CreateAsync(app, adminSession);
        var receipt = await (await app.CreateClient().PostAsJsonAsync("/api/v1/reports",
            new { description = "Matrix report with contact", latitude = 4.5, longitude = 18.5, contact = new { phone = "+23670000000" }, consentToContact = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var trackingCode = receipt.GetProperty("trackingCode").GetString()!;
        var report = await app.WithDbAsync(db => db.CommunityReports.Where(r => r.TrackingCode == trackingCode.Replace("-", "")).Select(r => r.Id).SingleAsync());

        var (incidentAttachment, photoReport, reportAttachment) = await Amani.Tests.Register.Attachments.MatrixPhotos.CreateAsync(app, adminSession,
            incident.GetProperty("id").GetGuid());

        var importJob = await Amani.Tests.Register.Imports.Jobs.MatrixImportJob.CreateAsync(adminSession);
        var followUp = await Amani.Tests.Platform.FollowUps.MatrixFollowUps.CreateAsync(adminSession);
        var lesson = await Amani.Tests.Governance.Lessons.MatrixLessons.CreateAsync(adminSession);
        var (indicator, plan) = await Amani.Tests.Governance.Results.MatrixResults.CreateAsync(adminSession);
        var (assessment, recommendation) = await Amani.Tests.Governance.Results.MatrixAssessments.CreateAsync(adminSession, users[AccessMatrix.Caller.Administrator].Id);

        var surveys = await Amani.Tests.Governance.Surveys.MatrixSurveys.CreateAsync(adminSession);

        var sessions = new Dictionary<AccessMatrix.Caller, HttpClient>();
        foreach (var (caller, user) in users)
            sessions[caller] = await app.SignInAsync(user);
        return new MatrixWorld
        {
            Users = users, Sessions = sessions, NewSession = caller => app.SignInAsync(users[caller]),
            NewUserSession = async caller => await app.SignInAsync(await CreateAsync(caller)), Tokens = tokens, Target = target, TargetAssignment = assignment,
            Incident = incident.GetProperty("id").GetGuid(), Report = report, TrackingCode = trackingCode,
            IncidentAttachment = incidentAttachment, PhotoReport = photoReport, ReportAttachment = reportAttachment,
            ImportJob = importJob,
            AlertRule = alertRule, Alert = alert, FollowUp = followUp, Lesson = lesson, Indicator = indicator, Plan = plan,
            Assessment = assessment, Recommendation = recommendation, Surveys = surveys,
        };
    }
}
