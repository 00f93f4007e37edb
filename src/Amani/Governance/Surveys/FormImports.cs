using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amani.Governance.Surveys.Forms;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Register.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys;

/// <summary>What an import gives: the version, or the compiler's problems (each with sheet, row, column), or a refusal.</summary>
public sealed record ImportOutcome(FormImportResponse? Value, IReadOnlyList<FormProblem>? Problems, Refusal? Refusal);

/// <summary>
/// Imports a form: an XLSForm (<c>.xlsx</c>, compiled to an XForm by <see cref="XlsFormConverter"/>) or an XForm
/// (<c>.xml</c>, read by <see cref="XFormReader"/>). A new <c>form_id</c> makes a form (in the survey given, else in a
/// survey named after the form's title); a known one gets a new version. The same XForm uploaded again changes nothing;
/// another XForm under a version string already used is refused (phones tell versions apart by that string). Everything
/// is written in one save with its audit row; a refused file writes no row (an XLSForm's original goes to the
/// content-addressed blob store just before the save: if the save fails, the blob is named by nothing and harmless).
/// </summary>
public sealed partial class FormImports(AmaniDbContext db, AuditLog audit, BlobStore blobs, TimeProvider clock)
{
    /// <summary>The largest form file accepted (an XLSForm of several thousand rows is far below).</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public async Task<ImportOutcome> ImportAsync(MissionEntry mission, Guid? surveyId, string fileName, Stream content, Guid? userId,
        CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(content, cancellationToken);
        if (bytes is null)
            return Refused(Refusal.Invalid("file", $"The file is larger than {MaxFileBytes / (1024 * 1024)} MB."));
        if (bytes.Length == 0)
            return Refused(Refusal.Invalid("file", "The file is empty. Send an XLSForm (.xlsx) or an XForm (.xml)."));
        var isXlsx = bytes.AsSpan().StartsWith("PK\u0003\u0004"u8) || fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        FormCompilation compiled;
        using (var stream = new MemoryStream(bytes, writable: false))
            compiled = isXlsx ? XlsFormConverter.Convert(stream) : XFormReader.Read(stream);
        if (!compiled.Ok || compiled.Info is not { } info)
            return new ImportOutcome(null, compiled.Problems.Count > 0 ? compiled.Problems
                : [new FormProblem(isXlsx ? "survey" : "xml", null, null, "The form could not be compiled.")], null);
        var xform = compiled.XForm!;
        if (XFormPaths.Binary(xform) is not { } binary)
            return new ImportOutcome(null, [new FormProblem("xml", null, null, "The XForm produced is not well-formed XML.")], null);
        if (Check(info) is { } invalid)
            return new ImportOutcome(null, [invalid], null);

        var now = clock.GetUtcNow().UtcDateTime;
        var form = await db.Set<SurveyForm>().FirstOrDefaultAsync(f => f.MissionId == mission.Id && f.XmlFormId == info.FormId, cancellationToken);
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(xform)));
        Survey? survey;
        if (form is not null)
        {
            if (surveyId is { } asked && asked != form.SurveyId)
                return Refused(Refusal.Conflict($"The form '{info.FormId}' already belongs to another survey of {mission.Code}; form ids are unique in a mission."));
            var existing = await db.Set<FormVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.FormId == form.Id && v.Version == info.Version, cancellationToken);
            if (existing is not null)
                return existing.XFormMd5 == md5
                    ? new ImportOutcome(new FormImportResponse(form.Id, form.XmlFormId, existing.Version, existing.Title, "md5:" + md5, false, form.SurveyId,
                        info.MediaFiles), null, null)
                    : Refused(Refusal.Conflict($"The form '{info.FormId}' already has a version '{info.Version}' with other content. Give this one a new " +
                                               "version (the version setting of the XLSForm, the version attribute of the XForm's instance)."));
            survey = null;
        }
        else
        {
            survey = surveyId is { } id
                ? await db.Set<Survey>().FirstOrDefaultAsync(s => s.Id == id && s.MissionId == mission.Id, cancellationToken)
                : await db.Set<Survey>().FirstOrDefaultAsync(s => s.MissionId == mission.Id && s.Name == Trim(info.Title, SurveyLimits.Name), cancellationToken);
            if (survey is null && surveyId is not null)
                return Refused(Refusal.NotFound($"There is no survey {surveyId} in {mission.Code}."));
            if (survey is null)
            {
                survey = new Survey { MissionId = mission.Id, Name = Trim(info.Title, SurveyLimits.Name), CreatedByUserId = userId, CreatedAt = now, UpdatedAt = now };
                db.Set<Survey>().Add(survey);
                audit.Record(AuditAction.SurveyCreated, Survey.AuditEntity, survey.Id, $"Survey created in {mission.Code} for the form '{info.FormId}'.");
            }
            form = new SurveyForm { MissionId = mission.Id, SurveyId = survey.Id, XmlFormId = info.FormId, Title = "", CreatedAt = now };
            db.Set<SurveyForm>().Add(form);
        }
        form.Title = Trim(info.Title, SurveyLimits.Title);
        form.UpdatedAt = now;

        var previous = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == form.Id).OrderByDescending(v => v.CreatedAt)
            .SelectMany(v => v.Media).Where(m => m.Blob != null).ToListAsync(cancellationToken);
        var version = new FormVersion
        {
            FormId = form.Id, Version = info.Version, Title = form.Title, XForm = xform, XFormMd5 = md5, InfoJson = JsonSerializer.Serialize(info),
            BinaryPaths = string.Join('\n', binary), CreatedByUserId = userId, CreatedAt = now,
            OriginalFileName = isXlsx ? Trim(Path.GetFileName(fileName), SurveyLimits.FileName) : null,
            OriginalBlob = isXlsx ? await blobs.PutAsync(bytes, cancellationToken) : null,
        };
        foreach (var name in info.MediaFiles.Distinct(StringComparer.Ordinal))
        {
            // A media file of the same name uploaded for an earlier version is carried over (as ODK Central does).
            var carried = previous.FirstOrDefault(m => m.Name == name);
            version.Media.Add(new FormMedia
            {
                VersionId = version.Id, Name = name, Blob = carried?.Blob, Md5 = carried?.Md5, ByteSize = carried?.ByteSize,
                ContentType = carried?.ContentType, UploadedAt = carried?.UploadedAt,
            });
        }
        db.Set<FormVersion>().Add(version);
        audit.Record(AuditAction.FormVersionImported, SurveyForm.AuditEntity, form.Id,
            $"Form '{form.XmlFormId}' version '{version.Version}' imported from {(isXlsx ? "an XLSForm" : "an XForm")} (md5:{md5}).");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            return Refused(Refusal.Conflict($"The form '{info.FormId}' (or a survey of that name) was imported at the same moment by someone else. Try again."));
        }
        return new ImportOutcome(new FormImportResponse(form.Id, form.XmlFormId, version.Version, version.Title, "md5:" + md5, true, form.SurveyId,
            info.MediaFiles), null, null);
    }

    private static ImportOutcome Refused(Refusal refusal) => new(null, null, refusal);

    private static FormProblem? Check(FormInfo info)
    {
        if (!FormIdPattern().IsMatch(info.FormId))
            return new FormProblem("settings", null, "form_id",
                $"The form id '{info.FormId}' is not usable: give 1 to {SurveyLimits.XmlFormId} letters, digits, '_', '-' or '.', starting with a letter or digit.");
        if (info.Version.Length > SurveyLimits.Version || info.Version.Any(char.IsControl))
            return new FormProblem("settings", null, "version", $"The version must be at most {SurveyLimits.Version} characters, without control characters.");
        return null;
    }

    private static string Trim(string text, int length) => text.Trim() is var trimmed && trimmed.Length > length ? trimmed[..length] : text.Trim();

    private static async Task<byte[]?> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex FormIdPattern();
}
