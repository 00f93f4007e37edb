using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Versions;

/// <summary>One version of a submission as the API lists it (the current one first, marked).</summary>
public sealed record SubmissionVersionSummary(string InstanceId, bool Current, string Submitter, DateTime ReceivedAt, DateTime? ReplacedAt, string XmlHash);

/// <summary>
/// A submission's versions, for whoever sees its submissions: <c>GET …/submissions/{instanceId}/versions</c> lists them
/// (newest first) and <c>…/versions/{versionInstanceId}</c> answers one version's XML. The submission is found by its
/// current instanceID or by any earlier one.
/// </summary>
public static class SubmissionVersionsApi
{
    public static RouteGroupBuilder MapSubmissionVersionsApi(this RouteGroupBuilder api)
    {
        var submission = api.MapGroup("/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}").WithTags("Surveys");
        submission.MapGet("/versions", List).WithName("ListSubmissionVersions").RequirePermission(Permission.SurveysRead);
        submission.MapGet("/versions/{versionInstanceId}", Xml).WithName("GetSubmissionVersion").RequirePermission(Permission.SurveysRead);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<SubmissionVersionSummary>>, ProblemHttpResult>> List(string code, string xmlFormId, string instanceId,
        SurveyAccess access, SurveyQueries queries, AmaniDbContext db, CancellationToken cancellationToken)
    {
        var (submission, refused) = await FindAsync(code, xmlFormId, instanceId, access, queries, db, cancellationToken);
        if (refused is not null)
            return refused;
        var earlier = await db.Set<SubmissionVersion>().AsNoTracking().Where(v => v.SubmissionId == submission!.Id)
            .Select(v => new { v.InstanceId, v.AppUserId, v.UserId, v.ReceivedAt, v.ReplacedAt, v.XmlHash }).ToListAsync(cancellationToken);
        var current = new SubmissionVersionSummary(submission!.InstanceId, true, Submitter(submission.AppUserId, submission.UserId),
            earlier.Count == 0 ? submission.ReceivedAt : earlier.Max(v => v.ReplacedAt), null, submission.XmlHash);
        IReadOnlyList<SubmissionVersionSummary> all = [current, ..earlier.OrderByDescending(v => v.ReplacedAt).ThenByDescending(v => v.ReceivedAt)
            .Select(v => new SubmissionVersionSummary(v.InstanceId, false, Submitter(v.AppUserId, v.UserId), v.ReceivedAt, v.ReplacedAt, v.XmlHash))];
        return TypedResults.Ok(all);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Xml(string code, string xmlFormId, string instanceId, string versionInstanceId,
        SurveyAccess access, SurveyQueries queries, AmaniDbContext db, CancellationToken cancellationToken)
    {
        var (submission, refused) = await FindAsync(code, xmlFormId, instanceId, access, queries, db, cancellationToken);
        if (refused is not null)
            return refused;
        var xml = submission!.InstanceId == versionInstanceId
            ? submission.Xml
            : await db.Set<SubmissionVersion>().AsNoTracking().Where(v => v.SubmissionId == submission.Id && v.InstanceId == versionInstanceId)
                .Select(v => v.Xml).FirstOrDefaultAsync(cancellationToken);
        return xml is null
            ? Problem.NotFound($"The version {versionInstanceId} of submission {instanceId}")
            : TypedResults.Text(xml, "application/xml; charset=utf-8", System.Text.Encoding.UTF8);
    }

    /// <summary>The submission (by its current or an earlier instanceID), when the caller sees the form's submissions.</summary>
    private static async Task<(Submission? Submission, ProblemHttpResult? Refused)> FindAsync(string code, string xmlFormId, string instanceId,
        SurveyAccess access, SurveyQueries queries, AmaniDbContext db, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (_, rights) || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form)
            return (null, Problem.NotFound($"The form '{xmlFormId}'"));
        var survey = await queries.SurveyOfAsync(form, cancellationToken);
        if (!rights.SeesSubmissionsOf(survey))
            return (null, Problem.Forbidden($"The survey '{survey.Name}' is sensitive: only its team sees its submissions. Its managers can add you to the team."));
        var submission = await db.Set<Submission>().AsNoTracking().FirstOrDefaultAsync(s => s.FormId == form.Id
            && (s.InstanceId == instanceId || db.Set<SubmissionVersion>().Any(v => v.SubmissionId == s.Id && v.InstanceId == instanceId)), cancellationToken);
        return submission is null ? (null, Problem.NotFound($"The submission {instanceId}")) : (submission, null);
    }

    private static string Submitter(Guid? appUserId, Guid? userId) =>
        appUserId is { } app ? $"app-user:{app}" : userId is { } user ? $"user:{user}" : "";
}
