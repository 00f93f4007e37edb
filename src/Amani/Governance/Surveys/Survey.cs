using Amani.Platform.Audit;

namespace Amani.Governance.Surveys;

/// <summary>Open (its open forms are offered to phones and accept submissions) or closed (nothing is offered or accepted).</summary>
public enum SurveyState { Open, Closed }

/// <summary>
/// A survey of a mission: a set of forms filled in the field (a perception survey round, a market monitoring, a
/// protection assessment). When <see cref="Sensitive"/>, only its team sees the submissions of its forms.
/// <see cref="Version"/> is the ETag clients send back in If-Match.
/// </summary>
public sealed class Survey
{
    public static AuditEntity AuditEntity { get; } = new("survey");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool Sensitive { get; set; }
    public SurveyState State { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    /// <summary>The users who see the submissions of a sensitive survey (and only they).</summary>
    public List<SurveyTeamMember> Team { get; set; } = [];
}

/// <summary>A member of a survey's team.</summary>
public sealed class SurveyTeamMember
{
    public Guid SurveyId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>Open (offered and accepting submissions) or closed.</summary>
public enum FormState { Open, Closed }

/// <summary>
/// A form of a survey, known to phones by <see cref="XmlFormId"/> (the XLSForm's <c>form_id</c>, the XForm's instance
/// id), unique within the mission. Its versions are the XForms uploaded for it; phones get the latest open one.
/// </summary>
public sealed class SurveyForm
{
    public static AuditEntity AuditEntity { get; } = new("survey-form");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid SurveyId { get; set; }
    public required string XmlFormId { get; set; }
    /// <summary>The latest version's title.</summary>
    public required string Title { get; set; }
    public FormState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One version of a form: the XForm as uploaded or produced from the XLSForm (served to phones byte for byte, its MD5
/// is the <c>hash</c> of the form list), the original XLSForm if there was one (a blob), what the compiler read of it
/// (<see cref="InfoJson"/>: fields, languages, media) and the paths of its binary questions (whose answers name
/// attachments). A closed version accepts no more submissions.
/// </summary>
public sealed class FormVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FormId { get; set; }
    /// <summary>The XForm's <c>version</c> attribute ("" when it has none).</summary>
    public required string Version { get; set; }
    public required string Title { get; set; }
    public required string XForm { get; set; }
    /// <summary>Lower-case hex MD5 of the XForm's UTF-8 bytes (the form list says <c>md5:</c> and this).</summary>
    public required string XFormMd5 { get; set; }
    public string? OriginalFileName { get; set; }
    /// <summary>SHA-256 of the uploaded XLSForm in the blob store; null when an XForm was uploaded.</summary>
    public string? OriginalBlob { get; set; }
    /// <summary>The compiler's <c>FormInfo</c> as JSON.</summary>
    public required string InfoJson { get; set; }
    /// <summary>The paths (from the instance root, without it: <c>group/photo</c>) of the binary questions, one per line.</summary>
    public required string BinaryPaths { get; set; }
    public FormState State { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<FormMedia> Media { get; set; } = [];
}

/// <summary>A media file a form version refers to (<c>jr://images/logo.png</c>); <see cref="Blob"/> is null until uploaded.</summary>
public sealed class FormMedia
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VersionId { get; set; }
    public required string Name { get; set; }
    public string? ContentType { get; set; }
    public long? ByteSize { get; set; }
    public string? Blob { get; set; }
    public string? Md5 { get; set; }
    public DateTime? UploadedAt { get; set; }
}

/// <summary>
/// An app user: a phone (or a team of enumerators) that reaches the OpenRosa server with a token in its server URL, as
/// ODK Central's app users do. Only the token's SHA-256 is kept; the token itself is shown once, at creation. Limited to
/// one survey's forms, or to every survey of the mission when <see cref="SurveyId"/> is null.
/// </summary>
public sealed class AppUser
{
    public static AuditEntity AuditEntity { get; } = new("survey-app-user");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid? SurveyId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public Guid? RevokedByUserId { get; set; }
}

/// <summary>Received (every submission starts so), approved, has issues, rejected.</summary>
public enum ReviewState { Received, Approved, HasIssues, Rejected }

/// <summary>
/// A filled form as a phone or the browser sent it: the instance XML, unique per form by its <c>instanceID</c>.
/// Complete once every attachment its XML names has arrived (a large submission comes in several posts).
/// </summary>
public sealed class Submission
{
    public static AuditEntity AuditEntity { get; } = new("survey-submission");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid FormId { get; set; }
    public Guid VersionId { get; set; }
    public required string InstanceId { get; set; }
    public required string Xml { get; set; }
    /// <summary>SHA-256 of the XML (a later post with the same instanceID must carry the same XML).</summary>
    public required string XmlHash { get; set; }
    public Guid? AppUserId { get; set; }
    public Guid? UserId { get; set; }
    public bool Complete { get; set; }
    public ReviewState ReviewState { get; set; }
    /// <summary>The ETag a review sends back in If-Match; each review state change adds one.</summary>
    public int Version { get; set; } = 1;
    public DateTime ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<SubmissionAttachment> Attachments { get; set; } = [];
}

/// <summary>
/// A file of a submission. <see cref="Expected"/> when its XML names it (an image question's answer): until it arrives,
/// <see cref="Blob"/> is null and the submission is incomplete. Files the XML does not name are kept too (as Kobo does).
/// </summary>
public sealed class SubmissionAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubmissionId { get; set; }
    public required string Name { get; set; }
    public bool Expected { get; set; }
    public string? ContentType { get; set; }
    public long? ByteSize { get; set; }
    public string? Blob { get; set; }
    public DateTime? ReceivedAt { get; set; }
}
