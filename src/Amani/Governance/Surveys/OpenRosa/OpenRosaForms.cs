using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>A form phones are offered: its latest open version.</summary>
public sealed record OfferedForm(Guid FormId, string XmlFormId, Guid VersionId, string Version, string Title, string Md5, bool HasMedia);

/// <summary>The form version a submission names, with what decides whether it is accepted.</summary>
public sealed record SubmissionTarget(Guid FormId, Guid VersionId, bool Open, string BinaryPaths, string? ConsentPath = null);

/// <summary>
/// What the OpenRosa server reads: the forms a caller is offered (open forms of open surveys it may reach, each at its
/// latest open version), one form's XForm and media, and the version a
/// submission names.
/// </summary>
public sealed class OpenRosaForms(AmaniDbContext db, VersionFactsCache facts, SubmissionTargetCache targets)
{
    /// <summary>
    /// The forms of the caller's mission it may reach, with their survey: an app user's survey only when it has one; for a
    /// field account, a sensitive survey only when they are on its team.
    /// </summary>
    private IQueryable<FormOfSurvey> Reachable(OpenRosaCaller caller)
    {
        var missionId = caller.Mission!.Id;
        var pairs = from form in db.Set<SurveyForm>().AsNoTracking()
            join survey in db.Set<Survey>().AsNoTracking() on form.SurveyId equals survey.Id
            where form.MissionId == missionId
            select new FormOfSurvey { Form = form, Survey = survey };
        if (caller.AppUser?.SurveyId is { } surveyId)
            pairs = pairs.Where(p => p.Form.SurveyId == surveyId);
        if (caller.AppUser is null && caller.UserId is { } userId)
            pairs = pairs.Where(p => !p.Survey.Sensitive || db.Set<SurveyTeamMember>().Any(m => m.SurveyId == p.Survey.Id && m.UserId == userId));
        return pairs;
    }

    private sealed class FormOfSurvey
    {
        public required SurveyForm Form { get; init; }
        public required Survey Survey { get; init; }
    }

    public async Task<IReadOnlyList<OfferedForm>> OfferedAsync(OpenRosaCaller caller, string? xmlFormId, CancellationToken cancellationToken)
    {
        var forms = Reachable(caller).Where(p => p.Form.State == FormState.Open && p.Survey.State == SurveyState.Open).Select(p => p.Form);
        if (xmlFormId is not null)
            forms = forms.Where(f => f.XmlFormId == xmlFormId);
        var open = await forms.Select(f => new { f.Id, f.XmlFormId }).ToListAsync(cancellationToken);
        var ids = open.Select(f => f.Id).ToList();
        var versions = await db.Set<FormVersion>().AsNoTracking().Where(v => ids.Contains(v.FormId) && v.State == FormState.Open)
            .Select(v => new { v.Id, v.FormId, v.Version, v.Title, v.XFormMd5, v.CreatedAt, HasMedia = v.Media.Any(m => m.Blob != null) })
            .ToListAsync(cancellationToken);
        return open.Select(f => (Form: f, Latest: versions.Where(v => v.FormId == f.Id).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
                .FirstOrDefault()))
            .Where(x => x.Latest is not null)
            .Select(x => new OfferedForm(x.Form.Id, x.Form.XmlFormId, x.Latest!.Id, x.Latest.Version, x.Latest.Title, x.Latest.XFormMd5, x.Latest.HasMedia))
            .OrderBy(f => f.XmlFormId, StringComparer.Ordinal)
            .ToList();
    }

    public Task<string?> XFormAsync(Guid versionId, CancellationToken cancellationToken) =>
        db.Set<FormVersion>().AsNoTracking().Where(v => v.Id == versionId).Select(v => v.XForm).FirstOrDefaultAsync(cancellationToken);

    public Task<List<FormMedia>> MediaAsync(Guid versionId, CancellationToken cancellationToken) =>
        db.Set<FormMedia>().AsNoTracking().Where(m => m.VersionId == versionId && m.Blob != null).OrderBy(m => m.Name).ToListAsync(cancellationToken);

    /// <summary>
    /// The version of the form a submission names, if the caller may submit to that form: null when the form is unknown
    /// to it. <see cref="SubmissionTarget.VersionId"/> is empty when the form is known but not that version.
    /// </summary>
    public async Task<SubmissionTarget?> TargetAsync(OpenRosaCaller caller, string xmlFormId, string version, CancellationToken cancellationToken)
    {
        if (caller.AppUser is not { } app) // a field account's reach depends on its survey teams: read each time
            return await ReadTargetAsync(caller, xmlFormId, version, cancellationToken);
        var missionId = caller.Mission!.Id;
        if (targets.Target(missionId, app.SurveyId, xmlFormId, version) is { } known)
            return known;
        var generation = targets.Generation;
        var target = await ReadTargetAsync(caller, xmlFormId, version, cancellationToken);
        if (target is not null && target.VersionId != Guid.Empty)
            targets.KeepTarget(generation, missionId, app.SurveyId, xmlFormId, version, target);
        return target;
    }

    private async Task<SubmissionTarget?> ReadTargetAsync(OpenRosaCaller caller, string xmlFormId, string version, CancellationToken cancellationToken)
    {
        var found = await Reachable(caller).Where(p => p.Form.XmlFormId == xmlFormId)
            .Select(p => new { p.Form.Id, Open = p.Form.State == FormState.Open && p.Survey.State == SurveyState.Open }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var chosen = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == found.Id && v.Version == version)
            .Select(v => new { v.Id, v.State }).FirstOrDefaultAsync(cancellationToken);
        if (chosen is null)
            return new SubmissionTarget(found.Id, Guid.Empty, found.Open, "");
        if (!facts.TryGet(chosen.Id, out var known))
        {
            var read = await db.Set<FormVersion>().AsNoTracking().Where(v => v.Id == chosen.Id).Select(v => new { v.BinaryPaths, v.InfoJson })
                .FirstAsync(cancellationToken);
            facts.Add(chosen.Id, known = VersionFacts.Of(read.BinaryPaths, read.InfoJson));
        }
        return new SubmissionTarget(found.Id, chosen.Id, found.Open && chosen.State == FormState.Open, known.BinaryPaths, known.ConsentPath);
    }
}
