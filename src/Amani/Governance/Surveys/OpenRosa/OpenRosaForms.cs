using Amani.Platform.Data;
using Amani.Platform.Directories;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>Who calls the OpenRosa server: an app user of a mission (or, refused, the answer to give).</summary>
public sealed record OpenRosaCaller(AppUser? User, MissionEntry? Mission, IResult? Refused)
{
    public string Actor => User is { } user ? $"app-user:{user.Id}" : "anonymous";
}

/// <summary>A form phones are offered: its latest open version.</summary>
public sealed record OfferedForm(Guid FormId, string XmlFormId, Guid VersionId, string Version, string Title, string Md5, bool HasMedia);

/// <summary>The form version a submission names, with what decides whether it is accepted.</summary>
public sealed record SubmissionTarget(Guid FormId, Guid VersionId, bool Open, string BinaryPaths);

/// <summary>
/// What the OpenRosa server reads: the app user behind a key, the forms it is offered (open forms of open surveys, of its
/// survey only when it has one, each at its latest open version), one form's XForm and media, and the version a
/// submission names.
/// </summary>
public sealed class OpenRosaForms(AmaniDbContext db, IMissionDirectory missions)
{
    public async Task<OpenRosaCaller> CallerAsync(string token, string code, CancellationToken cancellationToken)
    {
        var hash = AppUsers.HashOf(token);
        var user = await db.Set<AppUser>().AsNoTracking().FirstOrDefaultAsync(u => u.TokenHash == hash, cancellationToken);
        if (user is null)
            return new OpenRosaCaller(null, null, OpenRosaXml.Message(StatusCodes.Status401Unauthorized,
                "This server address carries a key Amani does not know. Scan the settings QR code your survey coordinator gives you again."));
        if (user.RevokedAt is not null)
            return new OpenRosaCaller(user, null, OpenRosaXml.Message(StatusCodes.Status403Forbidden,
                "This phone's access was revoked. Ask your survey coordinator for a new settings QR code."));
        var mission = await missions.FindAsync(code.Trim().ToUpperInvariant(), cancellationToken);
        if (mission is null || mission.Id != user.MissionId)
            return new OpenRosaCaller(user, null, OpenRosaXml.Message(StatusCodes.Status404NotFound,
                $"This key is not for a mission '{code}'. Use the server address exactly as the settings QR code gives it."));
        return new OpenRosaCaller(user, mission, null);
    }

    public async Task<IReadOnlyList<OfferedForm>> OfferedAsync(AppUser user, string? xmlFormId, CancellationToken cancellationToken)
    {
        var forms = from form in db.Set<SurveyForm>().AsNoTracking()
            join survey in db.Set<Survey>().AsNoTracking() on form.SurveyId equals survey.Id
            where form.MissionId == user.MissionId && form.State == FormState.Open && survey.State == SurveyState.Open
            select form;
        if (user.SurveyId is { } surveyId)
            forms = forms.Where(f => f.SurveyId == surveyId);
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
    /// The version of the form a submission names, if this app user may submit to that form: null when the form is unknown
    /// to it. <see cref="SubmissionTarget.VersionId"/> is empty when the form is known but not that version.
    /// </summary>
    public async Task<SubmissionTarget?> TargetAsync(AppUser user, string xmlFormId, string version, CancellationToken cancellationToken)
    {
        var found = await (from form in db.Set<SurveyForm>().AsNoTracking()
            join survey in db.Set<Survey>().AsNoTracking() on form.SurveyId equals survey.Id
            where form.MissionId == user.MissionId && form.XmlFormId == xmlFormId && (user.SurveyId == null || form.SurveyId == user.SurveyId)
            select new { form.Id, Open = form.State == FormState.Open && survey.State == SurveyState.Open }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var chosen = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == found.Id && v.Version == version)
            .Select(v => new { v.Id, v.State, v.BinaryPaths }).FirstOrDefaultAsync(cancellationToken);
        return chosen is null
            ? new SubmissionTarget(found.Id, Guid.Empty, found.Open, "")
            : new SubmissionTarget(found.Id, chosen.Id, found.Open && chosen.State == FormState.Open, chosen.BinaryPaths);
    }
}
