using System.Net;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// What the access matrix expects of the area-scoped callers (<see cref="Caller"/> <c>…InArea</c>, <c>…Elsewhere</c>):
/// the answer of their role over the whole mission, except where <see cref="Exceptions"/> gives a reason.
/// </summary>
public static class AreaScopedAnswers
{
    private const HttpStatusCode Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, Forbidden = HttpStatusCode.Forbidden,
        BadRequest = HttpStatusCode.BadRequest, PreconditionRequired = HttpStatusCode.PreconditionRequired;

    private static readonly Caller[] Elsewhere = [Caller.AnalystElsewhere, Caller.DutyOfficerElsewhere, Caller.FieldOfficerElsewhere];

    /// <summary>
    /// The world's incident, reports and photos lie in area AL: to a role scoped elsewhere that may act on such records
    /// they do not exist (404); a role without the permission is refused first (403), wherever it is scoped.
    /// </summary>
    private static HttpStatusCode OutsideIsNotFound(Caller caller, HttpStatusCode unscoped) =>
        Elsewhere.Contains(caller) && unscoped != Forbidden ? HttpStatusCode.NotFound : unscoped;

    /// <summary>What the whole mission's record answers to a role scoped to an area: <paramref name="answer"/> where the role would have succeeded.</summary>
    private static Func<Caller, HttpStatusCode, HttpStatusCode> MissionWide(HttpStatusCode answer) =>
        (_, unscoped) => unscoped is Ok or Created or PreconditionRequired ? answer : unscoped;

    /// <summary>
    /// Where an area scope changes the answer an area-scoped caller gets from the answer of its role over the whole mission
    /// (<c>METHOD pattern</c> → the scoped caller and the unscoped answer → the scoped answer). Everything not listed here
    /// answers an area-scoped role as it answers the role: lists and exports answer 200 (filtered to the scope,
    /// <see cref="AreaScopeTests"/>), the mission, areas, organisations, forecasts and public endpoints are mission-wide
    /// by design (docs/platform/access.md#area-scopes).
    /// </summary>
    private static readonly Dictionary<string, Func<Caller, HttpStatusCode, HttpStatusCode>> Exceptions = new()
    {
        ["GET /api/v1/incidents/{id:guid}/"] = OutsideIsNotFound,
        // Editing: a field officer may edit what it recorded (403 on another's incident), but first it must see the incident.
        ["PUT /api/v1/incidents/{id:guid}/"] = (caller, unscoped) => Elsewhere.Contains(caller) ? HttpStatusCode.NotFound : unscoped,
        ["POST /api/v1/incidents/{id:guid}/transitions"] = OutsideIsNotFound,
        ["POST /api/v1/incidents/{id:guid}/assignment"] = OutsideIsNotFound,
        ["POST /api/v1/incidents/{id:guid}/publication"] = OutsideIsNotFound,
        ["GET /api/v1/incidents/{id:guid}/duplicates"] = OutsideIsNotFound,
        ["POST /api/v1/incidents/{id:guid}/merge"] = OutsideIsNotFound,
        ["POST /api/v1/incidents/{id:guid}/attachments/"] = OutsideIsNotFound,
        ["GET /api/v1/incidents/{id:guid}/attachments/"] = OutsideIsNotFound,
        ["GET /api/v1/incidents/{id:guid}/attachments/{attachmentId:guid}"] = OutsideIsNotFound,
        ["GET /api/v1/incidents/{id:guid}/attachments/{attachmentId:guid}/original"] = OutsideIsNotFound,
        ["GET /api/v1/missions/{code}/reports/{id:guid}"] = OutsideIsNotFound,
        ["POST /api/v1/missions/{code}/reports/{id:guid}/link"] = OutsideIsNotFound,
        ["POST /api/v1/missions/{code}/reports/{id:guid}/replies"] = OutsideIsNotFound,
        ["POST /api/v1/missions/{code}/reports/{id:guid}/status"] = OutsideIsNotFound,
        ["POST /api/v1/missions/{code}/reports/{id:guid}/contact"] = OutsideIsNotFound,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/duplicates"] = OutsideIsNotFound,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/attachments/"] = OutsideIsNotFound,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/attachments/{attachmentId:guid}"] = OutsideIsNotFound,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/attachments/{attachmentId:guid}/original"] = OutsideIsNotFound,
        // Hot spots cover the whole mission by design (a neighbourhood crosses area lines): refused to every area-scoped role.
        ["GET /api/v1/missions/{code}/hotspots"] = (_, _) => HttpStatusCode.Forbidden,
        // Alert rules of the whole mission and the mission's deadlines are outside an area scope: an area-scoped analyst
        // manages rules of its areas only (a rule for the whole mission is refused: 400; the world's rule does not exist for it: 404).
        ["POST /api/v1/missions/{code}/alert-rules/"] = MissionWide(BadRequest),
        ["PUT /api/v1/missions/{code}/alert-rules/{id:guid}"] = MissionWide(HttpStatusCode.NotFound),
        ["DELETE /api/v1/missions/{code}/alert-rules/{id:guid}"] = MissionWide(HttpStatusCode.NotFound),
        ["POST /api/v1/missions/{code}/alert-rules/{id:guid}/evaluation"] = MissionWide(HttpStatusCode.NotFound),
        ["PUT /api/v1/missions/{code}/alert-deadlines/"] = MissionWide(Forbidden),
        // A follow-up for the whole mission is outside an area scope: an area-scoped manager asks for follow-ups of its areas (400).
        ["POST /api/v1/missions/{code}/follow-ups/"] = MissionWide(BadRequest),
        // The world's follow-up is for the whole mission: outside every area scope, even of the duty officers who owe it.
        ["GET /api/v1/follow-ups/{id:guid}/"] = (_, _) => HttpStatusCode.NotFound,
        ["PATCH /api/v1/follow-ups/{id:guid}/"] = (_, _) => HttpStatusCode.NotFound,
        ["POST /api/v1/follow-ups/{id:guid}/transitions"] = (_, _) => HttpStatusCode.NotFound,
        ["POST /api/v1/follow-ups/{id:guid}/evidence"] = (_, _) => HttpStatusCode.NotFound,
        // The world's lesson is of area AL: elsewhere it does not exist (404), even to a role that could not change it.
        ["GET /api/v1/missions/{code}/lessons/{id:guid}"] = OutsideIsNotFound,
        ["PUT /api/v1/missions/{code}/lessons/{id:guid}"] = (caller, unscoped) => Elsewhere.Contains(caller) ? HttpStatusCode.NotFound : unscoped,
        ["POST /api/v1/missions/{code}/lessons/{id:guid}/transitions"] = (caller, unscoped) => Elsewhere.Contains(caller) ? HttpStatusCode.NotFound : unscoped,
        ["POST /api/v1/missions/{code}/lessons/{id:guid}/follow-up"] = OutsideIsNotFound,
    };

    /// <summary>Adds the area-scoped callers to every case: their role's answer, unless <see cref="Exceptions"/> says otherwise.</summary>
    public static IReadOnlyList<Case> Add(IEnumerable<Case> cases) => cases.Select(c =>
    {
        var expected = new Dictionary<Caller, HttpStatusCode>(c.Expected);
        foreach (var caller in Enum.GetValues<Caller>().Except(AccessMatrix.Unscoped).Except([Caller.PlanningOfficer]))
        {
            var unscoped = c.Expected[AccessMatrix.UnscopedOf(caller)];
            expected[caller] = Exceptions.TryGetValue($"{c.Method} {c.Pattern}", out var rule) ? rule(caller, unscoped) : unscoped;
        }
        expected[Caller.PlanningOfficer] = PlanningOfficerAnswers.Of(c);
        return c with { Expected = expected };
    }).ToList();
}
