using System.Security.Cryptography;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Register.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys;

/// <summary>
/// Creating and changing surveys (name, description, sensitivity, team, state), opening and closing forms and versions,
/// and uploading a version's media files: the rules, shared by the API and the pages. Each change is one save with its
/// audit row; a refusal writes nothing.
/// </summary>
public sealed class SurveyBook(AmaniDbContext db, AuditLog audit, IPeopleDirectory people, BlobStore blobs, TimeProvider clock)
{
    public const long MaxMediaBytes = 20L * 1024 * 1024;

    public static Refusal Stale { get; } = Refusal.Stale("The survey was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<Outcome<Survey>> CreateAsync(MissionEntry mission, SurveyInput input, Guid? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var survey = new Survey { MissionId = mission.Id, Name = "", CreatedByUserId = userId, CreatedAt = now, UpdatedAt = now };
        if (await ApplyAsync(mission, survey, input, cancellationToken) is { } refused)
            return refused;
        db.Set<Survey>().Add(survey);
        audit.Record(AuditAction.SurveyCreated, Survey.AuditEntity, survey.Id,
            $"Survey created in {mission.Code}{(survey.Sensitive ? ", sensitive" : "")}, team of {survey.Team.Count}.");
        return await SaveAsync(survey, cancellationToken);
    }

    public async Task<Outcome<Survey>> UpdateAsync(MissionEntry mission, Survey survey, int expectedVersion, SurveyInput input, CancellationToken cancellationToken)
    {
        if (survey.Version != expectedVersion)
            return Stale;
        if (await ApplyAsync(mission, survey, input, cancellationToken) is { } refused)
            return refused;
        survey.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        survey.Version++;
        audit.Record(AuditAction.SurveyUpdated, Survey.AuditEntity, survey.Id,
            $"Survey updated (version {survey.Version}): {survey.State.ToString().ToLowerInvariant()}{(survey.Sensitive ? ", sensitive" : "")}, team of {survey.Team.Count}.");
        return await SaveAsync(survey, cancellationToken);
    }

    private async Task<Refusal?> ApplyAsync(MissionEntry mission, Survey survey, SurveyInput input, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > SurveyLimits.Name || name.Any(char.IsControl))
            return Refusal.Invalid("name", $"Give the survey a name of 1 to {SurveyLimits.Name} characters.");
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description?.Length > SurveyLimits.Description)
            return Refusal.Invalid("description", $"The description may have at most {SurveyLimits.Description} characters.");
        SurveyState state = survey.State;
        if (input.State is { } text && (!Enum.TryParse(text, ignoreCase: true, out state) || !Enum.IsDefined(state)))
            return Refusal.Invalid("state", "Give open or closed.");
        var team = (input.Team ?? []).Distinct().ToList();
        if (team.Count > SurveyLimits.TeamSize)
            return Refusal.Invalid("team", $"A team has at most {SurveyLimits.TeamSize} members.");
        var known = await people.FindAsync(team, cancellationToken);
        if (team.FirstOrDefault(id => !known.ContainsKey(id)) is var unknown && unknown != Guid.Empty)
            return Refusal.Invalid("team", $"There is no user {unknown}.");
        if (await db.Set<Survey>().AnyAsync(s => s.MissionId == mission.Id && s.Name == name && s.Id != survey.Id, cancellationToken))
            return Refusal.Conflict($"{mission.Code} already has a survey named '{name}'.");
        survey.Name = name;
        survey.Description = description;
        survey.Sensitive = input.Sensitive ?? survey.Sensitive;
        survey.State = state;
        survey.Team.RemoveAll(m => !team.Contains(m.UserId));
        foreach (var id in team.Where(id => survey.Team.All(m => m.UserId != id)))
            survey.Team.Add(new SurveyTeamMember { SurveyId = survey.Id, UserId = id });
        return null;
    }

    /// <summary>Opens or closes a form, or one version of it.</summary>
    public async Task<Outcome<SurveyForm>> SetStateAsync(SurveyForm form, FormStateRequest request, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<FormState>(request.State, ignoreCase: true, out var state) || !Enum.IsDefined(state))
            return Refusal.Invalid("state", "Give open or closed.");
        string what;
        if (request.Version is { } versionText)
        {
            if (await db.Set<FormVersion>().FirstOrDefaultAsync(v => v.FormId == form.Id && v.Version == versionText, cancellationToken) is not { } version)
                return Refusal.Invalid("version", $"The form '{form.XmlFormId}' has no version '{versionText}'.");
            version.State = state;
            what = $"version '{versionText}' of form '{form.XmlFormId}'";
        }
        else
        {
            form.State = state;
            what = $"form '{form.XmlFormId}'";
        }
        form.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditAction.FormStateChanged, SurveyForm.AuditEntity, form.Id, $"The {what} is now {state.ToString().ToLowerInvariant()}.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<SurveyForm>.Ok(form);
    }

    /// <summary>Stores a media file the form's latest version refers to (it replaces one uploaded before).</summary>
    public async Task<Outcome<FormMedia>> UploadMediaAsync(SurveyForm form, string name, string? contentType, Stream content, CancellationToken cancellationToken)
    {
        var version = await db.Set<FormVersion>().Include(v => v.Media).Where(v => v.FormId == form.Id)
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).FirstAsync(cancellationToken);
        if (version.Media.FirstOrDefault(m => m.Name == name) is not { } media)
            return Refusal.Invalid("name", $"The form's version '{version.Version}' refers to no media file '{name}'" +
                                           (version.Media.Count == 0 ? "." : $"; it refers to: {string.Join(", ", version.Media.Select(m => m.Name))}."));
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxMediaBytes)
            return Refusal.Invalid("file", $"A media file may be at most {MaxMediaBytes / (1024 * 1024)} MB.");
        var bytes = buffer.ToArray();
        media.Blob = await blobs.PutAsync(bytes, cancellationToken);
        media.Md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
        media.ByteSize = bytes.Length;
        media.ContentType = contentType is { Length: > 0 and <= SurveyLimits.ContentType } ? contentType : "application/octet-stream";
        media.UploadedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditAction.FormMediaUploaded, SurveyForm.AuditEntity, form.Id,
            $"Media file '{name}' ({bytes.Length:N0} bytes) uploaded for version '{version.Version}' of form '{form.XmlFormId}'.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<FormMedia>.Ok(media);
    }

    private async Task<Outcome<Survey>> SaveAsync(Survey survey, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            return Refusal.Conflict($"Another survey named '{survey.Name}' was created at the same moment.");
        }
        return Outcome<Survey>.Ok(survey);
    }
}
