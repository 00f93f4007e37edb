using System.Net;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// What the access matrix expects of the planning and M&amp;E officer, a mission-wide role the Results module declares:
/// the analyst's answer — both read the mission's records and keep its follow-ups and lessons — except where
/// <see cref="Exceptions"/> says otherwise: the planning officer manages the plan and its indicators (which the analyst
/// does not), and neither records nor publishes incidents, reads community reports or their photos' originals, nor
/// works on alerts.
/// </summary>
public static class PlanningOfficerAnswers
{
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;

    /// <summary><c>METHOD pattern</c> → the planning officer's answer, where it is not the analyst's.</summary>
    private static readonly Dictionary<string, HttpStatusCode> Exceptions = new()
    {
        ["DELETE /api/v1/missions/{code}/alert-rules/{id:guid}"] = Forbidden,
        ["DELETE /api/v1/plans/{id:guid}/nodes/{nodeId:guid}"] = HttpStatusCode.PreconditionRequired,
        ["GET /api/v1/alerts/{id:guid}/"] = Forbidden,
        ["GET /api/v1/incidents/{id:guid}/attachments/{attachmentId:guid}/original"] = Forbidden,
        ["GET /api/v1/missions/{code}/alert-deadlines/"] = Forbidden,
        ["GET /api/v1/missions/{code}/alert-rules/"] = Forbidden,
        ["GET /api/v1/missions/{code}/alert-rules/{id:guid}"] = Forbidden,
        ["GET /api/v1/missions/{code}/alerts/"] = Forbidden,
        ["GET /api/v1/missions/{code}/reports/"] = Forbidden,
        ["GET /api/v1/missions/{code}/reports/{id:guid}"] = Forbidden,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/attachments/"] = Forbidden,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/attachments/{attachmentId:guid}"] = Forbidden,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/attachments/{attachmentId:guid}/original"] = Forbidden,
        ["GET /api/v1/missions/{code}/reports/{id:guid}/duplicates"] = Forbidden,
        ["POST /api/v1/alerts/{id:guid}/actions"] = Forbidden,
        ["POST /api/v1/alerts/{id:guid}/assignment"] = Forbidden,
        ["POST /api/v1/alerts/{id:guid}/transitions"] = Forbidden,
        ["POST /api/v1/incidents/{id:guid}/attachments/"] = Forbidden,
        ["POST /api/v1/incidents/{id:guid}/publication"] = Forbidden,
        ["POST /api/v1/indicators/{id:guid}/approvals"] = HttpStatusCode.BadRequest,
        ["POST /api/v1/indicators/{id:guid}/approvals/{period}/unlock"] = HttpStatusCode.Conflict,
        ["POST /api/v1/missions/{code}/alert-rules/"] = Forbidden,
        ["POST /api/v1/missions/{code}/alert-rules/{id:guid}/evaluation"] = Forbidden,
        ["POST /api/v1/missions/{code}/incidents/"] = Forbidden,
        ["POST /api/v1/missions/{code}/indicators"] = HttpStatusCode.Created,
        ["POST /api/v1/missions/{code}/plans"] = HttpStatusCode.Conflict,
        ["POST /api/v1/missions/{code}/results/recompute"] = HttpStatusCode.Accepted,
        ["POST /api/v1/missions/{code}/surveys/preview"] = HttpStatusCode.UnsupportedMediaType,
        ["POST /api/v1/plans/{id:guid}/activation"] = HttpStatusCode.PreconditionRequired,
        ["POST /api/v1/plans/{id:guid}/next"] = HttpStatusCode.Conflict,
        ["POST /api/v1/plans/{id:guid}/nodes"] = HttpStatusCode.PreconditionRequired,
        ["PUT /api/v1/indicators/{id:guid}/"] = HttpStatusCode.PreconditionRequired,
        ["PUT /api/v1/indicators/{id:guid}/targets"] = HttpStatusCode.PreconditionRequired,
        ["PUT /api/v1/missions/{code}/category-lists/{list}"] = HttpStatusCode.OK,
        ["PUT /api/v1/missions/{code}/alert-deadlines/"] = Forbidden,
        ["PUT /api/v1/missions/{code}/alert-rules/{id:guid}"] = Forbidden,
        ["PUT /api/v1/plans/{id:guid}/nodes/{nodeId:guid}"] = HttpStatusCode.PreconditionRequired,
    };

    // Surveys are the planning officer's work too: it holds every survey permission, as the administrator does (MatrixSurveys).

    /// <summary>Assessments are the planning officer's work: it answers there as the administrator does (both hold <c>results:manage</c>).</summary>
    private static bool Assessing(Case c) => c.Pattern.Contains("/assessments", StringComparison.Ordinal) || c.Pattern.Contains("/recommendations/", StringComparison.Ordinal);

    public static HttpStatusCode Of(Case c) =>
        Exceptions.TryGetValue($"{c.Method} {c.Pattern}", out var answer) ? answer
        : Assessing(c) || Governance.Surveys.MatrixSurveys.IsSurveyCase(c) ? c.Expected[Caller.Administrator]
        : c.Expected[Caller.Analyst];
}
