using Amani.Platform.Data;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys;

/// <summary>
/// Reading surveys, forms and submissions for the API and the pages: only what <see cref="SurveyRights"/> lets the
/// caller see (a sensitive survey's submissions: its team).
/// </summary>
public sealed class SurveyQueries(AmaniDbContext db)
{
    public async Task<SurveyList> SurveysAsync(SurveyRights rights, CancellationToken cancellationToken)
    {
        var surveys = await db.Set<Survey>().AsNoTracking().Include(s => s.Team).Where(s => s.MissionId == rights.MissionId).OrderBy(s => s.Name)
            .ToListAsync(cancellationToken);
        var forms = await FormsAsync(db.Set<SurveyForm>().Where(f => f.MissionId == rights.MissionId), cancellationToken);
        return new SurveyList(surveys.Select(s => Response(s, forms.Where(f => f.SurveyId == s.Id).ToList())).ToList());
    }

    public async Task<Survey?> SurveyAsync(SurveyRights rights, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<Survey>().Include(s => s.Team).Where(s => s.Id == id && s.MissionId == rights.MissionId);
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<SurveyResponse> SurveyResponseAsync(Survey survey, CancellationToken cancellationToken) =>
        Response(survey, await FormsAsync(db.Set<SurveyForm>().Where(f => f.SurveyId == survey.Id), cancellationToken));

    public async Task<SurveyForm?> FormAsync(SurveyRights rights, string xmlFormId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<SurveyForm>().Where(f => f.MissionId == rights.MissionId && f.XmlFormId == xmlFormId);
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<FormResponse> FormResponseAsync(SurveyForm form, CancellationToken cancellationToken) =>
        (await FormsAsync(db.Set<SurveyForm>().Where(f => f.Id == form.Id), cancellationToken)).Single();

    public Task<Survey> SurveyOfAsync(SurveyForm form, CancellationToken cancellationToken) =>
        db.Set<Survey>().AsNoTracking().Include(s => s.Team).FirstAsync(s => s.Id == form.SurveyId, cancellationToken);

    public Task<string?> XFormAsync(SurveyForm form, string version, CancellationToken cancellationToken) =>
        db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == form.Id && v.Version == version).Select(v => v.XForm).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The XLSForm a version was made from (its file name and blob), or null when an XForm was uploaded.</summary>
    public async Task<(string FileName, string Blob)?> OriginalAsync(SurveyForm form, string version, CancellationToken cancellationToken)
    {
        var row = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == form.Id && v.Version == version && v.OriginalBlob != null)
            .Select(v => new { v.OriginalFileName, v.OriginalBlob }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.OriginalFileName ?? form.XmlFormId + ".xlsx", row.OriginalBlob!);
    }

    public async Task<Outcome<SubmissionPage>> SubmissionsAsync(SurveyForm form, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Set<Submission>().AsNoTracking().Where(s => s.FormId == form.Id);
        if (cursor is not null)
        {
            if (!Paging.TryParseCursor(cursor, out var after))
                return Refusal.Invalid("cursor", Paging.BadCursor);
            query = query.Where(s => s.ReceivedAt > after.At || (s.ReceivedAt == after.At && s.Id.CompareTo(after.Id) > 0));
        }
        var size = Paging.Size(limit);
        var rows = await query.OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id).Take(size + 1)
            .Select(s => new
            {
                s.Id, s.InstanceId, s.VersionId, s.ReceivedAt, s.Complete, s.ReviewState, s.AppUserId, s.UserId,
                Attachments = s.Attachments.Count(a => a.Blob != null), Missing = s.Attachments.Count(a => a.Expected && a.Blob == null),
            }).ToListAsync(cancellationToken);
        var versions = await VersionNamesAsync(form, cancellationToken);
        var submitters = await SubmittersAsync(rows.Select(r => r.AppUserId), cancellationToken);
        var items = rows.Take(size).Select(r => new SubmissionSummary(r.Id, r.InstanceId, versions.GetValueOrDefault(r.VersionId, ""), r.ReceivedAt, r.Complete,
            Camel(r.ReviewState), Submitter(r.AppUserId, r.UserId, submitters), r.Attachments, r.Missing)).ToList();
        return Outcome<SubmissionPage>.Ok(new SubmissionPage(items, rows.Count > size ? Paging.Cursor(rows[size - 1].ReceivedAt, rows[size - 1].Id) : null));
    }

    public async Task<SubmissionResponse?> SubmissionAsync(SurveyForm form, string instanceId, CancellationToken cancellationToken)
    {
        var submission = await db.Set<Submission>().AsNoTracking().Include(s => s.Attachments).FirstOrDefaultAsync(s => s.FormId == form.Id && (s.InstanceId == instanceId
            || db.Set<Versions.SubmissionVersion>().Any(v => v.SubmissionId == s.Id && v.InstanceId == instanceId)),
            cancellationToken);
        if (submission is null)
            return null;
        var versions = await VersionNamesAsync(form, cancellationToken);
        var submitters = await SubmittersAsync([submission.AppUserId], cancellationToken);
        return new SubmissionResponse(submission.Id, submission.InstanceId, form.XmlFormId, versions.GetValueOrDefault(submission.VersionId, ""),
            submission.ReceivedAt, submission.Complete, Camel(submission.ReviewState), Submitter(submission.AppUserId, submission.UserId, submitters),
            submission.Xml, submission.Attachments.OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new SubmissionAttachmentResponse(a.Name, a.Expected, a.Blob is not null, a.ContentType, a.ByteSize)).ToList());
    }

    public Task<SubmissionAttachment?> AttachmentAsync(SurveyForm form, string instanceId, string name, CancellationToken cancellationToken) =>
        db.Set<SubmissionAttachment>().AsNoTracking()
            .Where(a => a.Name == name && a.Blob != null && db.Set<Submission>().Any(s => s.Id == a.SubmissionId && s.FormId == form.Id && (s.InstanceId == instanceId
                || db.Set<Versions.SubmissionVersion>().Any(v => v.SubmissionId == s.Id && v.InstanceId == instanceId))))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<AppUserList> AppUsersAsync(SurveyRights rights, CancellationToken cancellationToken) =>
        new((await db.Set<AppUser>().AsNoTracking().Where(u => u.MissionId == rights.MissionId).OrderBy(u => u.CreatedAt).ToListAsync(cancellationToken))
            .Select(AppUsers.Response).ToList());

    private async Task<List<FormResponse>> FormsAsync(IQueryable<SurveyForm> query, CancellationToken cancellationToken)
    {
        var forms = await query.AsNoTracking().OrderBy(f => f.XmlFormId).ToListAsync(cancellationToken);
        var ids = forms.Select(f => f.Id).ToList();
        var versions = await db.Set<FormVersion>().AsNoTracking().Where(v => ids.Contains(v.FormId))
            .Select(v => new { v.Id, v.FormId, v.Version, v.Title, v.XFormMd5, v.State, v.OriginalFileName, v.CreatedAt, v.Media })
            .ToListAsync(cancellationToken);
        var counts = await db.Set<Submission>().AsNoTracking().Where(s => ids.Contains(s.FormId)).GroupBy(s => s.FormId)
            .Select(g => new { FormId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.FormId, g => g.Count, cancellationToken);
        return forms.Select(f =>
        {
            var own = versions.Where(v => v.FormId == f.Id).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).ToList();
            var current = f.State == FormState.Open ? own.FirstOrDefault(v => v.State == FormState.Open)?.Version : null;
            return new FormResponse(f.Id, f.SurveyId, f.XmlFormId, f.Title, Camel(f.State), current,
                own.Select(v => new FormVersionResponse(v.Version, v.Title, "md5:" + v.XFormMd5, Camel(v.State), v.OriginalFileName, v.CreatedAt,
                    v.Media.OrderBy(m => m.Name, StringComparer.Ordinal)
                        .Select(m => new FormMediaResponse(m.Name, m.Blob is not null, m.ContentType, m.ByteSize, m.Md5 is null ? null : "md5:" + m.Md5)).ToList()))
                    .ToList(),
                counts.GetValueOrDefault(f.Id));
        }).ToList();
    }

    private Task<Dictionary<Guid, string>> VersionNamesAsync(SurveyForm form, CancellationToken cancellationToken) =>
        db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == form.Id).ToDictionaryAsync(v => v.Id, v => v.Version, cancellationToken);

    private async Task<Dictionary<Guid, string>> SubmittersAsync(IEnumerable<Guid?> appUsers, CancellationToken cancellationToken)
    {
        var ids = appUsers.OfType<Guid>().Distinct().ToList();
        return await db.Set<AppUser>().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
    }

    private static string Submitter(Guid? appUser, Guid? user, Dictionary<Guid, string> names) =>
        appUser is { } id ? $"app user {names.GetValueOrDefault(id, id.ToString())}" : user is { } u ? $"user {u}" : "unknown";

    private static SurveyResponse Response(Survey s, IReadOnlyList<FormResponse> forms) =>
        new(s.Id, s.Name, s.Description, s.Sensitive, Camel(s.State), s.Team.Select(m => m.UserId).ToList(), forms, s.CreatedAt, s.UpdatedAt, s.Version);

    public static string Camel<T>(T value) where T : struct, Enum => value.ToString() is var text ? char.ToLowerInvariant(text[0]) + text[1..] : "";
}
