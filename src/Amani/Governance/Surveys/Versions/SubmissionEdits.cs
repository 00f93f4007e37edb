using Amani.Governance.Surveys.OpenRosa;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Versions;

/// <summary>An instanceID that an edit replaced: the form, the submission it belonged to and that version's XML hash.</summary>
internal sealed record EarlierVersion(Guid FormId, string InstanceId, Guid SubmissionId, string XmlHash);

/// <summary>
/// Edits within the intake's batch (the same transaction as the rest of it). A post whose <c>meta/deprecatedID</c> names
/// a form's current instanceID replaces that submission: the submission keeps its Id, its current instanceID, XML and
/// submitter move to a <see cref="SubmissionVersion"/>, and it takes the post's. A post of an instanceID that an edit
/// already replaced is a duplicate (202) if its XML is the same; an edit of a replaced version is refused (409), an edit
/// of an unknown one too (404). Attachments the new XML names are expected; those it no longer names stay, unexpected.
/// </summary>
internal sealed class SubmissionEdits(AmaniDbContext db, AuditLog audit, DateTime now)
{
    public static async Task<Dictionary<(Guid FormId, string InstanceId), EarlierVersion>> EarlierVersionsAsync(AmaniDbContext db, List<Guid> forms,
        List<string> instances) =>
        (await (from version in db.Set<SubmissionVersion>().AsNoTracking()
                join submission in db.Set<Submission>().AsNoTracking() on version.SubmissionId equals submission.Id
                where forms.Contains(submission.FormId) && instances.Contains(version.InstanceId)
                select new EarlierVersion(submission.FormId, version.InstanceId, submission.Id, version.XmlHash)).ToListAsync())
        .GroupBy(v => (v.FormId, v.InstanceId)).ToDictionary(g => g.Key, g => g.First());

    public async Task<IntakeAnswer> ApplyAsync(SubmissionPost post, Dictionary<(Guid FormId, string InstanceId), Submission> stored,
        Dictionary<(Guid FormId, string InstanceId), EarlierVersion> earlier)
    {
        if (earlier.TryGetValue((post.FormId, post.InstanceId), out var replaced))
            return new IntakeAnswer(replaced.XmlHash == post.XmlHash ? IntakeResult.Duplicate : IntakeResult.OtherXml, []);
        var old = post.DeprecatedId!;
        if (!stored.TryGetValue((post.FormId, old), out var submission))
            return new IntakeAnswer(earlier.ContainsKey((post.FormId, old)) ? IntakeResult.OutdatedEdit : IntakeResult.UnknownDeprecated, []);

        var receivedAt = db.Set<SubmissionVersion>().Local.Where(v => v.SubmissionId == submission.Id).Select(v => (DateTime?)v.ReplacedAt).Max()
                         ?? await db.Set<SubmissionVersion>().Where(v => v.SubmissionId == submission.Id).MaxAsync(v => (DateTime?)v.ReplacedAt)
                         ?? submission.ReceivedAt;
        db.Set<SubmissionVersion>().Add(new SubmissionVersion
        {
            SubmissionId = submission.Id, FormVersionId = submission.VersionId, InstanceId = submission.InstanceId, Xml = submission.Xml,
            XmlHash = submission.XmlHash, AppUserId = submission.AppUserId, UserId = submission.UserId, ReceivedAt = receivedAt, ReplacedAt = now,
        });
        stored.Remove((post.FormId, old));
        earlier[(post.FormId, old)] = new EarlierVersion(post.FormId, old, submission.Id, submission.XmlHash);

        submission.InstanceId = post.InstanceId;
        submission.Xml = post.Xml;
        submission.XmlHash = post.XmlHash;
        submission.VersionId = post.VersionId;
        submission.AppUserId = post.AppUserId;
        submission.UserId = post.UserId;
        submission.UpdatedAt = now;
        foreach (var attachment in submission.Attachments)
            attachment.Expected = post.ExpectedNames.Contains(attachment.Name);
        foreach (var name in post.ExpectedNames.Where(n => submission.Attachments.All(a => a.Name != n)))
            submission.Attachments.Add(new SubmissionAttachment { SubmissionId = submission.Id, Name = name, Expected = true });
        SubmissionIntake.Attach(submission, post.Files, now);
        var missing = SubmissionIntake.Missing(submission);
        submission.Complete = missing.Count == 0;
        stored[(post.FormId, post.InstanceId)] = submission;
        audit.Record(AuditAction.SubmissionEdited, Submission.AuditEntity, submission.Id,
            $"Submission {old} of form '{post.XmlFormId}' edited by {post.Actor}: its current version is now {post.InstanceId}; the earlier one is kept.");
        RecordDropped(audit, submission, post);
        return new IntakeAnswer(IntakeResult.Edited, missing);
    }

    /// <summary>Audits, by count only, the answers dropped before storing because the respondent did not consent.</summary>
    public static void RecordDropped(AuditLog audit, Submission submission, SubmissionPost post)
    {
        if (post.DroppedAnswers > 0)
            audit.Record(AuditAction.SubmissionAnswersDropped, Submission.AuditEntity, submission.Id,
                $"{post.DroppedAnswers} answer(s) of submission {post.InstanceId} dropped before storing: the respondent did not consent.");
    }
}
