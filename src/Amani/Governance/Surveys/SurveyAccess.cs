using Amani.Platform.Access;
using Amani.Platform.Directories;

namespace Amani.Governance.Surveys;

/// <summary>
/// What the caller may do with the surveys of one mission — the one place that decides it. Readers see the surveys and
/// their forms; the submissions of a sensitive survey only its team sees (anyone else, administrators included, gets
/// 403 naming the rule: a manager who needs them adds themself to the team, which is audited). Managers change surveys,
/// forms and app users.
/// </summary>
public sealed record SurveyRights(Guid MissionId, Guid? UserId, bool Reads, bool Manages)
{
    public bool SeesSubmissionsOf(Survey survey) => Reads && (!survey.Sensitive || (UserId is { } me && survey.Team.Any(m => m.UserId == me)));
}

/// <summary>Finds a mission and the caller's rights in it (null: answer 404, as for a mission that does not exist).</summary>
public sealed class SurveyAccess(AccessContext access, IMissionDirectory missions)
{
    public async Task<(MissionEntry Mission, SurveyRights Rights)?> MissionAsync(string code, CancellationToken cancellationToken)
    {
        if (await missions.FindAsync(code.Trim().ToUpperInvariant(), cancellationToken) is not { } mission
            || !await access.HasAsync(Permission.SurveysRead, mission.Id, cancellationToken))
            return null;
        return (mission, new SurveyRights(mission.Id, access.UserId, true,
            await access.HasAsync(Permission.SurveysManage, mission.Id, cancellationToken)));
    }
}
