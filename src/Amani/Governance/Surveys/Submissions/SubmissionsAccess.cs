using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>A form whose submissions the caller sees, with the mission's code and the caller's rights.</summary>
public sealed record SubmissionsForm(SurveyForm Form, Survey Survey, string MissionCode, SurveyRights Rights);

/// <summary>
/// The one check before any submission is read, exported, reviewed or commented on: the mission and form exist for the
/// caller (else 404), and the caller sees the submissions of its survey (<see cref="SurveyRights.SeesSubmissionsOf"/>: a
/// sensitive survey's team only, else 403 saying so).
/// </summary>
public sealed class SubmissionsAccess(SurveyAccess access, SurveyQueries queries)
{
    public async Task<(SubmissionsForm? Found, ProblemHttpResult? Refused)> FormAsync(string code, string xmlFormId, CancellationToken cancellationToken)
    {
        if (await access.MissionAsync(code, cancellationToken) is not var (mission, rights) || await queries.FormAsync(rights, xmlFormId, false, cancellationToken) is not { } form)
            return (null, Problem.NotFound($"The form '{xmlFormId}'"));
        var survey = await queries.SurveyOfAsync(form, cancellationToken);
        return rights.SeesSubmissionsOf(survey)
            ? (new SubmissionsForm(form, survey, mission.Code, rights), null)
            : (null, Problem.Forbidden($"The survey '{survey.Name}' is sensitive: only its team sees its submissions. Its managers can add you to the team."));
    }
}
