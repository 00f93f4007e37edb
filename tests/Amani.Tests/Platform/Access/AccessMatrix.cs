using System.Net;
using Amani.Platform.Access;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// The expected answer of every endpoint for every caller: the anonymous public and each role. Written out by hand —
/// it is the specification the product is checked against, and the roles table of docs/platform/access.md says the same in prose.
/// Roles other than Administrator are scoped to mission <see cref="MatrixWorld.Mission"/>. The area-scoped callers
/// (<c>…InArea</c>: the world's area <see cref="MatrixWorld.Area"/>, where its incident and reports are;
/// <c>…Elsewhere</c>: <see cref="MatrixWorld.OtherArea"/>) answer as their role does, except where <see cref="AreaScopedAnswers"/>
/// says otherwise.
/// </summary>
public static class AccessMatrix
{
    public sealed record Case(string Method, string Pattern, Func<MatrixWorld, Caller, string> Path, Func<MatrixWorld, Caller, object?> Body,
        IReadOnlyDictionary<Caller, HttpStatusCode> Expected);

    public enum Caller
    {
        Anonymous, Administrator, Analyst, DutyOfficer, FieldOfficer, Partner,
        AnalystInArea, DutyOfficerInArea, FieldOfficerInArea, AnalystElsewhere, DutyOfficerElsewhere, FieldOfficerElsewhere,
        /// <summary>The planning and M&amp;E officer (a role Results declares): answered as <see cref="PlanningOfficerAnswers"/> says.</summary>
        PlanningOfficer,
    }

    internal static readonly Caller[] Unscoped = [Caller.Anonymous, Caller.Administrator, Caller.Analyst, Caller.DutyOfficer, Caller.FieldOfficer, Caller.Partner];

    /// <summary>The role a caller holds (null: anonymous).</summary>
    public static Role? RoleOf(Caller caller) => caller == Caller.Anonymous ? null : Role.Parse(Unscoped.Contains(caller) ? caller.ToString()
        : caller.ToString().Replace("InArea", "").Replace("Elsewhere", ""));

    /// <summary>The area a caller's role is scoped to (null: the whole mission).</summary>
    public static string? AreaOf(Caller caller) => caller.ToString() switch
    {
        var name when name.EndsWith("InArea", StringComparison.Ordinal) => MatrixWorld.Area,
        var name when name.EndsWith("Elsewhere", StringComparison.Ordinal) => MatrixWorld.OtherArea,
        _ => null,
    };

    internal static Caller UnscopedOf(Caller caller) => RoleOf(caller) is { } role && AreaOf(caller) is not null ? Enum.Parse<Caller>(role.ToString()) : caller;

    private const HttpStatusCode Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, NoContent = HttpStatusCode.NoContent,
        Unauthorized = HttpStatusCode.Unauthorized, Forbidden = HttpStatusCode.Forbidden, BadRequest = HttpStatusCode.BadRequest,
        Found = HttpStatusCode.Redirect;

    /// <summary>Anonymous gets <paramref name="anonymous"/>, the Administrator <paramref name="admin"/>, every other role <paramref name="others"/>.</summary>
    private static Dictionary<Caller, HttpStatusCode> Expect(HttpStatusCode anonymous, HttpStatusCode admin, HttpStatusCode others) =>
        Unscoped.ToDictionary(c => c, c => c switch
        {
            Caller.Anonymous => anonymous,
            Caller.Administrator => admin,
            _ => others,
        });

    /// <summary><paramref name="expected"/> with some callers answered differently.</summary>
    private static Dictionary<Caller, HttpStatusCode> Except(Dictionary<Caller, HttpStatusCode> expected, params (Caller Caller, HttpStatusCode Status)[] changes)
    {
        var copy = new Dictionary<Caller, HttpStatusCode>(expected);
        foreach (var (caller, status) in changes)
            copy[caller] = status;
        return copy;
    }

    private const HttpStatusCode PreconditionRequired = HttpStatusCode.PreconditionRequired;
    private static readonly Dictionary<Caller, HttpStatusCode> Triage = Except(Expect(Unauthorized, PreconditionRequired, Forbidden),
        (Caller.DutyOfficer, PreconditionRequired));

    private static readonly Dictionary<Caller, HttpStatusCode> AdminOnlyOk = Expect(Unauthorized, Ok, Forbidden);
    private static readonly Dictionary<Caller, HttpStatusCode> AdminOnlyCreated = Expect(Unauthorized, Created, Forbidden);
    private static readonly Dictionary<Caller, HttpStatusCode> AdminOnlyNoContent = Expect(Unauthorized, NoContent, Forbidden);
    private static readonly Dictionary<Caller, HttpStatusCode> SignedInOk = Expect(Unauthorized, Ok, Ok);
    private static readonly Dictionary<Caller, HttpStatusCode> Everyone = Expect(Ok, Ok, Ok);
    private static readonly Dictionary<Caller, HttpStatusCode> OriginalReaders =
        Except(Expect(Unauthorized, Forbidden, Forbidden), (Caller.Analyst, Ok), (Caller.DutyOfficer, Ok));

    private static string Suffix(Caller caller) => caller == Caller.Anonymous ? "Anon" : caller.ToString();

    // Alerts: read by every staff role (not partners: they read public alerts in the public feed), rules managed by analysts
    // and administrators, alerts answered by every staff role; changes reach the If-Match check (428) where allowed.
    private static readonly Dictionary<Caller, HttpStatusCode> AlertReaders = Except(Expect(Unauthorized, Ok, Ok), (Caller.Partner, Forbidden));
    private static readonly Dictionary<Caller, HttpStatusCode> AlertManagersOk = Except(AdminOnlyOk, (Caller.Analyst, Ok));
    private static readonly Dictionary<Caller, HttpStatusCode> AlertManagersVersioned =
        Except(Expect(Unauthorized, PreconditionRequired, Forbidden), (Caller.Analyst, PreconditionRequired));
    private static readonly Dictionary<Caller, HttpStatusCode> AlertRespondersVersioned =
        Except(Expect(Unauthorized, PreconditionRequired, PreconditionRequired), (Caller.Partner, Forbidden));

    // Follow-ups: the board for every staff role (not partners), created by those who manage them (analysts, duty officers,
    // administrators); one follow-up is seen by the board's readers and by those who owe it (the duty officers) — a partner
    // gets 404; changes are for its owners and managers (they reach the If-Match check, 428), a field officer who only
    // reads the board is refused (403).
    private static readonly Dictionary<Caller, HttpStatusCode> FollowUpReaders = Except(Expect(Unauthorized, Ok, Ok), (Caller.Partner, Forbidden));
    private static readonly Dictionary<Caller, HttpStatusCode> FollowUpOne = Except(Expect(Unauthorized, Ok, Ok), (Caller.Partner, HttpStatusCode.NotFound));
    private static readonly Dictionary<Caller, HttpStatusCode> FollowUpChange = Except(Expect(Unauthorized, PreconditionRequired, PreconditionRequired),
        (Caller.FieldOfficer, Forbidden), (Caller.Partner, HttpStatusCode.NotFound));

    /// <summary>Who enters indicator values (results:enter): administrators, analysts, partners; duty and field officers are refused.</summary>
    private static Dictionary<Caller, HttpStatusCode> ResultEnterers(HttpStatusCode answer) =>
        Except(Expect(Unauthorized, answer, answer), (Caller.DutyOfficer, Forbidden), (Caller.FieldOfficer, Forbidden));

    private static IEnumerable<Case> FollowUpCases() =>
    [
        new("GET", "/api/v1/missions/{code}/follow-ups/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/follow-ups", None, FollowUpReaders),
        new("GET", "/api/v1/missions/{code}/follow-ups/export.csv", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/follow-ups/export.csv", None,
            FollowUpReaders),
        new("POST", "/api/v1/missions/{code}/follow-ups/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/follow-ups",
            (_, r) => Amani.Tests.Platform.FollowUps.MatrixFollowUps.New($"Matrix follow-up by {Suffix(r)}"),
            Except(Expect(Unauthorized, Created, Created), (Caller.FieldOfficer, Forbidden), (Caller.Partner, Forbidden))),
        new("GET", "/api/v1/follow-ups/mine", (_, _) => "/api/v1/follow-ups/mine", None, SignedInOk),
        new("GET", "/api/v1/follow-ups/{id:guid}/", (w, _) => $"/api/v1/follow-ups/{w.FollowUp}", None, FollowUpOne),
        new("PATCH", "/api/v1/follow-ups/{id:guid}/", (w, _) => $"/api/v1/follow-ups/{w.FollowUp}", (_, _) => new { progress = 10 }, FollowUpChange),
        new("POST", "/api/v1/follow-ups/{id:guid}/transitions", (w, _) => $"/api/v1/follow-ups/{w.FollowUp}/transitions", (_, _) => new { to = "inProgress" },
            FollowUpChange),
        new("POST", "/api/v1/follow-ups/{id:guid}/evidence", (w, _) => $"/api/v1/follow-ups/{w.FollowUp}/evidence", (_, r) => new { note = $"Matrix note by {Suffix(r)}" },
            Except(Expect(Unauthorized, Created, Created), (Caller.FieldOfficer, Forbidden), (Caller.Partner, HttpStatusCode.NotFound))),
        new("GET", "/api/v1/follow-ups/{id:guid}/evidence/{evidenceId:guid}/file", (w, _) => $"/api/v1/follow-ups/{w.FollowUp}/evidence/{Guid.NewGuid()}/file",
            None, Expect(Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
    ];

    // Lessons: read and recorded by every staff role (not partners); the world's lesson is validated, so edits and moves
    // are for its managers (administrators, analysts: they reach the If-Match check, 428) — duty and field officers, who
    // did not write it, are refused (403); turning its recommendation into a follow-up needs lessons:manage at the door.
    private static readonly Dictionary<Caller, HttpStatusCode> LessonReaders = Except(Expect(Unauthorized, Ok, Ok), (Caller.Partner, Forbidden));
    private static readonly Dictionary<Caller, HttpStatusCode> LessonManagers =
        Except(Expect(Unauthorized, PreconditionRequired, Forbidden), (Caller.Analyst, PreconditionRequired));

    private static string LessonPath(MatrixWorld w) => $"/api/v1/missions/{MatrixWorld.Mission}/lessons/{w.Lesson}";

    private static IEnumerable<Case> LessonCases() =>
    [
        new("GET", "/api/v1/missions/{code}/lessons/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/lessons?q=matrix", None, LessonReaders),
        new("GET", "/api/v1/missions/{code}/lessons/export.csv", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/lessons/export.csv", None,
            LessonReaders),
        new("GET", "/api/v1/missions/{code}/lessons/themes", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/lessons/themes", None, LessonReaders),
        new("POST", "/api/v1/missions/{code}/lessons/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/lessons",
            (_, r) => Governance.Lessons.MatrixLessons.New(Suffix(r)), Except(Expect(Unauthorized, Created, Created), (Caller.Partner, Forbidden))),
        new("GET", "/api/v1/missions/{code}/lessons/{id:guid}", (w, _) => LessonPath(w), None, LessonReaders),
        new("PUT", "/api/v1/missions/{code}/lessons/{id:guid}", (w, _) => LessonPath(w), (_, r) => Governance.Lessons.MatrixLessons.New(Suffix(r)),
            LessonManagers),
        new("POST", "/api/v1/missions/{code}/lessons/{id:guid}/transitions", (w, _) => $"{LessonPath(w)}/transitions",
            (_, _) => new { to = "archived", reason = "matrix" }, LessonManagers),
        new("POST", "/api/v1/missions/{code}/lessons/{id:guid}/follow-up", (w, _) => $"{LessonPath(w)}/follow-up",
            (_, _) => new { owner = new { kind = "role", role = "dutyOfficer" }, dueAt = DateTimeOffset.UtcNow.AddDays(30) }, LessonManagers),
    ];

    public static IReadOnlyList<Case> Cases { get; } = AreaScopedAnswers.Add(
    [
        // Public
        new("GET", "/health/live", (_, _) => "/health/live", None, Everyone),
        new("GET", "/health/ready", (_, _) => "/health/ready", None, Everyone),
        new("GET", "/openapi/{documentName}.json", (_, _) => "/openapi/v1.json", None, Everyone),
        new("GET", "/problems/{slug}", (_, _) => "/problems/forbidden", None, Everyone),
        // The web pages have their own matrix: Web/PageAccessMatrix.cs.

        // Account (wrong password / wrong set-up token on purpose: shows the endpoint is reachable, changes nothing)
        new("POST", "/api/v1/account/login", (_, _) => "/api/v1/account/login",
            (_, r) => new { email = $"nobody-{r}@test.amani.local", password = "wrong password!" }, Expect(Unauthorized, Unauthorized, Unauthorized)),
        new("POST", "/api/v1/setup", (_, _) => "/api/v1/setup",
            (_, _) => new { setupToken = "amani_setup_wrong", email = "x@example.org", password = "long enough password" }, Expect(Forbidden, Forbidden, Forbidden)),
        new("GET", "/api/v1/account/me", (_, _) => "/api/v1/account/me", None, SignedInOk),
        new("GET", "/api/v1/account/antiforgery", (_, _) => "/api/v1/account/antiforgery", None, SignedInOk),
        new("POST", "/api/v1/account/password", (_, _) => "/api/v1/account/password",
            (_, _) => new { currentPassword = "not the password", newPassword = "a brand new password" }, Expect(Unauthorized, BadRequest, BadRequest)),
        new("POST", "/api/v1/account/logout", (_, _) => "/api/v1/account/logout", None, Expect(Unauthorized, NoContent, NoContent)),
        new("POST", "/api/v1/account/logout-everywhere", (_, _) => "/api/v1/account/logout-everywhere", None, Expect(Unauthorized, NoContent, NoContent)),

        // Missions
        new("GET", "/api/v1/missions/", (_, _) => "/api/v1/missions", None, SignedInOk),
        new("GET", "/api/v1/missions/{code}", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}", None, SignedInOk),
        new("POST", "/api/v1/missions/", (_, _) => "/api/v1/missions",
            (_, r) => new { code = $"M-{Suffix(r)}", name = "Matrix mission", countryIso3 = "CAF" }, AdminOnlyCreated),
        new("PUT", "/api/v1/missions/{code}", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}",
            (_, _) => new { name = "Renamed mission", timeZone = "Africa/Bangui" }, AdminOnlyOk),

        // Areas
        new("GET", "/api/v1/missions/{code}/areas/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/areas", None, SignedInOk),
        new("GET", "/api/v1/missions/{code}/areas/{pCode}", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/areas/{MatrixWorld.Area}", None, SignedInOk),
        new("POST", "/api/v1/missions/{code}/areas/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/areas",
            (_, r) => new { pCode = $"{MatrixWorld.Area}.{Suffix(r)}", name = "Matrix area", level = 2, parentPCode = MatrixWorld.Area }, AdminOnlyCreated),

        // Organisations
        new("GET", "/api/v1/organizations/", (_, _) => "/api/v1/organizations", None, SignedInOk),
        new("POST", "/api/v1/organizations/", (_, _) => "/api/v1/organizations",
            (_, r) => new { name = $"Matrix NGO {Suffix(r)}", kind = "ngo" }, AdminOnlyCreated),

        // Users
        new("GET", "/api/v1/users/", (_, _) => "/api/v1/users", None, AdminOnlyOk),
        new("GET", "/api/v1/users/{id:guid}", (w, _) => $"/api/v1/users/{w.Target.Id}", None, AdminOnlyOk),
        new("POST", "/api/v1/users/", (_, _) => "/api/v1/users", (_, r) => new { email = $"new-{Suffix(r)}@test.amani.local" }, AdminOnlyCreated),
        new("POST", "/api/v1/users/{id:guid}/roles", (w, _) => $"/api/v1/users/{w.Target.Id}/roles",
            (_, _) => new { role = "fieldOfficer", missionCode = MatrixWorld.Mission }, AdminOnlyCreated),
        new("DELETE", "/api/v1/users/{id:guid}/roles/{assignmentId:guid}", (w, _) => $"/api/v1/users/{w.Target.Id}/roles/{w.TargetAssignment}", None,
            AdminOnlyNoContent),
        new("POST", "/api/v1/users/{id:guid}/lock", (w, _) => $"/api/v1/users/{w.Target.Id}/lock", None, AdminOnlyNoContent),
        new("POST", "/api/v1/users/{id:guid}/unlock", (w, _) => $"/api/v1/users/{w.Target.Id}/unlock", None, AdminOnlyNoContent),

        // Personal access tokens: every signed-in user manages their own
        new("GET", "/api/v1/tokens/", (_, _) => "/api/v1/tokens", None, SignedInOk),
        new("POST", "/api/v1/tokens/", (_, _) => "/api/v1/tokens", (_, _) => new { name = "matrix", scopes = new[] { "missions:read" } },
            Expect(Unauthorized, Created, Created)),
        new("DELETE", "/api/v1/tokens/{id:guid}", (w, r) => $"/api/v1/tokens/{w.Tokens.GetValueOrDefault(r)}", None,
            Expect(Unauthorized, NoContent, NoContent)),

        // Incidents (the world's incident is public, recorded by the administrator)
        new("GET", "/api/v1/categories", (_, _) => "/api/v1/categories", None, Everyone),
        new("GET", "/api/v1/missions/{code}/incidents/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/incidents", None, SignedInOk),
        new("POST", "/api/v1/missions/{code}/incidents/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/incidents", (_, _) => MatrixWorld.NewIncident,
            Expect(Unauthorized, Created, Created)),
        new("GET", "/api/v1/incidents/{id:guid}/", (w, _) => $"/api/v1/incidents/{w.Incident}", None, SignedInOk),
        // Editing needs the recorder or a triage role, then the version (none sent here: 428 shows the caller got that far).
        new("PUT", "/api/v1/incidents/{id:guid}/", (w, _) => $"/api/v1/incidents/{w.Incident}", (_, _) => MatrixWorld.NewIncident, Triage),
        new("POST", "/api/v1/incidents/{id:guid}/transitions", (w, _) => $"/api/v1/incidents/{w.Incident}/transitions",
            (_, _) => new { to = "triaged", reason = "matrix" }, Triage),
        new("POST", "/api/v1/incidents/{id:guid}/assignment", (w, _) => $"/api/v1/incidents/{w.Incident}/assignment", (_, _) => new { userId = (Guid?)null },
            Triage),
        // Approving a publication: the publishers (administrators, analysts, duty officers) reach the version check.
        new("POST", "/api/v1/incidents/{id:guid}/publication", (w, _) => $"/api/v1/incidents/{w.Incident}/publication", None,
            Except(Expect(Unauthorized, PreconditionRequired, Forbidden), (Caller.Analyst, PreconditionRequired), (Caller.DutyOfficer, PreconditionRequired))),

        // Community reports: public intake and follow-up
        new("POST", "/api/v1/reports/", (_, _) => "/api/v1/reports", (_, r) => new { description = $"Matrix report by {Suffix(r)}", missionCode = MatrixWorld.Mission }, Expect(Created, Created, Created)),
        new("GET", "/api/v1/reports/{code}", (w, _) => $"/api/v1/reports/{w.TrackingCode}", None, Everyone),
        new("POST", "/api/v1/reports/{code}/messages", (w, _) => $"/api/v1/reports/{w.TrackingCode}/messages", (_, _) => new { body = "More detail" },
            Expect(Created, Created, Created)),

        // Community reports: triage
        new("GET", "/api/v1/missions/{code}/reports/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports", None,
            Except(AdminOnlyOk, (Caller.Analyst, Ok), (Caller.DutyOfficer, Ok))),
        new("GET", "/api/v1/missions/{code}/reports/{id:guid}", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.Report}", None,
            Except(AdminOnlyOk, (Caller.Analyst, Ok), (Caller.DutyOfficer, Ok))),
        // Changes need the report's version, as incidents do (none sent here: 428 shows the caller got that far).
        new("POST", "/api/v1/missions/{code}/reports/{id:guid}/link", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.Report}/link",
            (w, _) => new { incidentId = w.Incident }, Triage),
        new("POST", "/api/v1/missions/{code}/reports/{id:guid}/replies", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.Report}/replies",
            (_, _) => new { body = "Thank you" }, Triage),
        new("POST", "/api/v1/missions/{code}/reports/{id:guid}/status", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.Report}/status",
            (_, _) => new { status = "inReview" }, Triage),
        // Revealing a reporter's contact: duty officers only — not even administrators.
        new("POST", "/api/v1/missions/{code}/reports/{id:guid}/contact", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.Report}/contact",
            None, Except(Expect(Unauthorized, Forbidden, Forbidden), (Caller.DutyOfficer, Ok))),

        // SMS gateways: anonymous but signed by the gateway; without a valid signature every caller gets 403.
        new("POST", "/api/v1/sms/twilio", (_, _) => "/api/v1/sms/twilio", Form, Expect(Forbidden, Forbidden, Forbidden)),
        new("POST", "/api/v1/sms/rapidpro", (_, _) => "/api/v1/sms/rapidpro", (_, _) => new { input = new { text = "matrix" } },
            Expect(Forbidden, Forbidden, Forbidden)),

        // Duplicates and the public incident list
        new("GET", "/api/v1/missions/{code}/reports/{id:guid}/duplicates",
            (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.Report}/duplicates", None,
            Except(AdminOnlyOk, (Caller.Analyst, Ok), (Caller.DutyOfficer, Ok))),
        new("GET", "/api/v1/incidents/{id:guid}/duplicates", (w, _) => $"/api/v1/incidents/{w.Incident}/duplicates", None, SignedInOk),
        // Merging needs a triage role, then the version (none sent here: 428 shows the caller got that far).
        new("POST", "/api/v1/incidents/{id:guid}/merge", (w, _) => $"/api/v1/incidents/{w.Incident}/merge",
            (w, _) => new { into = w.Incident, reason = "matrix" }, Triage),
        new("GET", "/api/v1/public/missions/{code}/incidents", (_, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/incidents", None, Everyone),

        // Attachments: uploads reach the content check (a JSON body: 415) for every role that may record; stripped copies
        // for every reader of the incident or report; originals for analysts and duty officers only — not administrators.
        new("POST", "/api/v1/incidents/{id:guid}/attachments/", (w, _) => $"/api/v1/incidents/{w.Incident}/attachments", (_, _) => new { file = "x" },
            Expect(Unauthorized, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType)),
        new("GET", "/api/v1/incidents/{id:guid}/attachments/", (w, _) => $"/api/v1/incidents/{w.Incident}/attachments", None, SignedInOk),
        new("GET", "/api/v1/incidents/{id:guid}/attachments/{attachmentId:guid}",
            (w, _) => $"/api/v1/incidents/{w.Incident}/attachments/{w.IncidentAttachment}", None, SignedInOk),
        new("GET", "/api/v1/incidents/{id:guid}/attachments/{attachmentId:guid}/original",
            (w, _) => $"/api/v1/incidents/{w.Incident}/attachments/{w.IncidentAttachment}/original", None, OriginalReaders),
        new("GET", "/api/v1/missions/{code}/reports/{id:guid}/attachments/",
            (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.PhotoReport}/attachments", None,
            Except(AdminOnlyOk, (Caller.Analyst, Ok), (Caller.DutyOfficer, Ok))),
        new("GET", "/api/v1/missions/{code}/reports/{id:guid}/attachments/{attachmentId:guid}",
            (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.PhotoReport}/attachments/{w.ReportAttachment}", None,
            Except(AdminOnlyOk, (Caller.Analyst, Ok), (Caller.DutyOfficer, Ok))),
        new("GET", "/api/v1/missions/{code}/reports/{id:guid}/attachments/{attachmentId:guid}/original",
            (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/reports/{w.PhotoReport}/attachments/{w.ReportAttachment}/original", None, OriginalReaders),

        // Audit
        new("GET", "/api/v1/audit/", (_, _) => "/api/v1/audit", None, AdminOnlyOk),
        new("GET", "/api/v1/audit/verification", (_, _) => "/api/v1/audit/verification", None, AdminOnlyOk),

        // Boundary import: administrators reach the content check (a JSON body: 415); everyone else is refused.
        new("POST", "/api/v1/missions/{code}/areas/import", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/areas/import?level=2",
            (_, _) => new { type = "FeatureCollection" }, Expect(Unauthorized, HttpStatusCode.UnsupportedMediaType, Forbidden)),

        // Import jobs: administrators only (platform-wide). The upload reaches the content check (a JSON body: 415); the
        // world's job has finished, so cancelling it is a conflict (409).
        new("POST", "/api/v1/imports/", (_, _) => "/api/v1/imports", (_, _) => new { kind = "views-cm" },
            Expect(Unauthorized, HttpStatusCode.UnsupportedMediaType, Forbidden)),
        new("GET", "/api/v1/imports/", (_, _) => "/api/v1/imports", None, AdminOnlyOk),
        new("GET", "/api/v1/imports/{id:guid}", (w, _) => $"/api/v1/imports/{w.ImportJob}", None, AdminOnlyOk),
        new("GET", "/api/v1/imports/{id:guid}/rejects.csv", (w, _) => $"/api/v1/imports/{w.ImportJob}/rejects.csv", None, AdminOnlyOk),
        new("POST", "/api/v1/imports/{id:guid}/cancel", (w, _) => $"/api/v1/imports/{w.ImportJob}/cancel", None,
            Expect(Unauthorized, HttpStatusCode.Conflict, Forbidden)),

        // Exports: every reader of the mission's incidents; the public variants for everyone (rate limited)
        new("GET", "/api/v1/missions/{code}/incidents.csv", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/incidents.csv", None, SignedInOk),
        new("GET", "/api/v1/missions/{code}/incidents.geojson", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/incidents.geojson", None, SignedInOk),
        new("GET", "/api/v1/missions/{code}/incidents.hxl.csv", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/incidents.hxl.csv", None, SignedInOk),
        new("GET", "/api/v1/public/missions/{code}/incidents.csv", (_, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/incidents.csv", None, Everyone),
        new("GET", "/api/v1/public/missions/{code}/incidents.geojson", (_, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/incidents.geojson", None,
            Everyone),
        new("GET", "/api/v1/public/missions/{code}/incidents.hxl.csv", (_, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/incidents.hxl.csv", None,
            Everyone),

        // Results exchange: exported to every reader of results (each sees the indicators it may read); imported by those
        // who enter values (an empty dataValueSet: 400; a JSON body sent as CSV: 415), refused to the others.
        new("GET", "/api/v1/missions/{code}/results/dhis2", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/results/dhis2", None, SignedInOk),
        new("GET", "/api/v1/missions/{code}/results/csv", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/results/csv", None, SignedInOk),
        new("POST", "/api/v1/missions/{code}/results/dhis2", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/results/dhis2",
            (_, _) => new { dataValues = Array.Empty<object>() }, ResultEnterers(BadRequest)),
        new("POST", "/api/v1/missions/{code}/results/csv", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/results/csv",
            (_, _) => new { dataValues = Array.Empty<object>() }, ResultEnterers(HttpStatusCode.UnsupportedMediaType)),
        // The survey form preview's check (surveys:manage): a JSON body is not an XForm (415).
        new("POST", "/api/v1/missions/{code}/surveys/preview", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/surveys/preview",
            (_, _) => new { form = "not xml" }, Expect(Unauthorized, HttpStatusCode.UnsupportedMediaType, Forbidden)),

        // Aggregates and hot spots: every reader of the mission's incidents
        new("GET", "/api/v1/missions/{code}/aggregates", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/aggregates?unit=admin1", None, SignedInOk),
        new("GET", "/api/v1/missions/{code}/hotspots", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/hotspots?unit=admin1", None, SignedInOk),
        // Alerts
        new("GET", "/api/v1/missions/{code}/alert-rules/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-rules", None, AlertReaders),
        new("POST", "/api/v1/missions/{code}/alert-rules/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-rules",
            (_, r) => Analysis.Alerts.MatrixAlerts.Rule(Suffix(r)), Except(AdminOnlyCreated, (Caller.Analyst, Created))),
        new("GET", "/api/v1/missions/{code}/alert-rules/{id:guid}", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-rules/{w.AlertRule}", None,
            AlertReaders),
        new("PUT", "/api/v1/missions/{code}/alert-rules/{id:guid}", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-rules/{w.AlertRule}",
            (_, r) => Analysis.Alerts.MatrixAlerts.Rule(Suffix(r)), AlertManagersVersioned),
        new("DELETE", "/api/v1/missions/{code}/alert-rules/{id:guid}", (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-rules/{w.AlertRule}", None,
            AlertManagersVersioned),
        new("POST", "/api/v1/missions/{code}/alert-rules/{id:guid}/evaluation",
            (w, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-rules/{w.AlertRule}/evaluation", None, AlertManagersOk),
        new("GET", "/api/v1/missions/{code}/alert-deadlines/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-deadlines", None, AlertReaders),
        new("PUT", "/api/v1/missions/{code}/alert-deadlines/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alert-deadlines",
            (_, _) => Analysis.Alerts.MatrixAlerts.Deadlines, AlertManagersOk),
        new("GET", "/api/v1/missions/{code}/alerts/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/alerts", None, AlertReaders),
        new("GET", "/api/v1/alerts/{id:guid}/", (w, _) => $"/api/v1/alerts/{w.Alert}", None, AlertReaders),
        new("POST", "/api/v1/alerts/{id:guid}/transitions", (w, _) => $"/api/v1/alerts/{w.Alert}/transitions", (_, _) => new { to = "acknowledged" },
            AlertRespondersVersioned),
        new("POST", "/api/v1/alerts/{id:guid}/actions", (w, _) => $"/api/v1/alerts/{w.Alert}/actions", (_, r) => new { what = $"Matrix action by {Suffix(r)}" },
            Except(Expect(Unauthorized, Created, Created), (Caller.Partner, Forbidden))),
        new("POST", "/api/v1/alerts/{id:guid}/assignment", (w, _) => $"/api/v1/alerts/{w.Alert}/assignment", (_, _) => new { userId = (Guid?)null },
            AlertRespondersVersioned),
        new("GET", "/api/v1/public/missions/{code}/alerts/cap", (_, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/alerts/cap", None, Everyone),
        new("GET", "/api/v1/public/missions/{code}/alerts/{id:guid}/cap", (w, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/alerts/{w.Alert}/cap",
            None, Everyone),
        // Live feed: every signed-in member of the mission (what each one hears is filtered per event); ?once=true keeps the case finite
        new("GET", "/api/v1/missions/{code}/live", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/live?once=true", None, SignedInOk),
        // Forecasts: every reader of the mission's incidents. The matrix world has no country-month data, so the
        // country's forecasts answer 422 (too little history) to each of them; the accuracy record is empty.
        new("GET", "/api/v1/missions/{code}/forecasts/", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/forecasts", None,
            Expect(Unauthorized, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity)),
        new("GET", "/api/v1/missions/{code}/forecasts/accuracy", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/forecasts/accuracy", None, SignedInOk),
        // Dashboard map: every reader of the mission's incidents (what each sees is decided per incident).
        new("GET", "/api/v1/missions/{code}/map/clusters", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/map/clusters?bbox=-180,-85,180,85&zoom=2",
            None, SignedInOk),
        new("GET", "/api/v1/missions/{code}/map/areas", (_, _) => $"/api/v1/missions/{MatrixWorld.Mission}/map/areas", None, SignedInOk),
        // Notifications: every signed-in user, their own only (someone else's notification, like a missing one, is 404)
        new("GET", "/api/v1/notifications/", (_, _) => "/api/v1/notifications", None, SignedInOk),
        new("GET", "/api/v1/notifications/unread-count", (_, _) => "/api/v1/notifications/unread-count", None, SignedInOk),
        new("POST", "/api/v1/notifications/{id:guid}/read", (_, _) => $"/api/v1/notifications/{Guid.NewGuid()}/read", None,
            Expect(Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
        new("POST", "/api/v1/notifications/read-all", (_, _) => "/api/v1/notifications/read-all", None, SignedInOk),
        new("GET", "/api/v1/account/notification-preferences/", (_, _) => "/api/v1/account/notification-preferences", None, SignedInOk),
        new("PUT", "/api/v1/account/notification-preferences/", (_, _) => "/api/v1/account/notification-preferences",
            (_, _) => new { email = "dailyDigest", sms = "off", language = "fr" }, SignedInOk),
        .. FollowUpCases(),
        .. LessonCases(),
        .. Governance.Results.MatrixResults.Cases(),
        .. Governance.Results.MatrixAssessments.Cases(),
        .. Governance.Results.MatrixPublicResults.Cases(),
        .. Governance.Surveys.MatrixSurveys.Cases(),
    ]);

    internal static object? None(MatrixWorld world, Caller caller) => null;

    /// <summary>Marker for an HTML form post (sent form-encoded, without the form's antiforgery field).</summary>
    public sealed record FormBody;

    private static object? Form(MatrixWorld world, Caller caller) => new FormBody();
}
