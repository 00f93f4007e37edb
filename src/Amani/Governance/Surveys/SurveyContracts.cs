namespace Amani.Governance.Surveys;

/// <summary>A survey to create or its new state (PUT sends every field). <c>team</c> lists user ids.</summary>
public sealed record SurveyInput(string? Name, string? Description, bool? Sensitive, IReadOnlyList<Guid>? Team, string? State);

public sealed record SurveyResponse(Guid Id, string Name, string? Description, bool Sensitive, string State, IReadOnlyList<Guid> Team,
    IReadOnlyList<FormResponse> Forms, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record SurveyList(IReadOnlyList<SurveyResponse> Items);

/// <summary>A form with its versions, newest first; <c>current</c> is the version phones get.</summary>
public sealed record FormResponse(Guid Id, Guid SurveyId, string XmlFormId, string Title, string State, string? Current,
    IReadOnlyList<FormVersionResponse> Versions, int Submissions);

public sealed record FormVersionResponse(string Version, string Title, string Hash, string State, string? OriginalFileName, DateTime CreatedAt,
    IReadOnlyList<FormMediaResponse> Media);

public sealed record FormMediaResponse(string Name, bool Uploaded, string? ContentType, long? ByteSize, string? Hash);

/// <summary>Opens or closes a form, or one of its versions when <c>version</c> is given.</summary>
public sealed record FormStateRequest(string? State, string? Version);

/// <summary>What an import did: a new version (<c>created</c>) or the same XForm uploaded again.</summary>
public sealed record FormImportResponse(Guid FormId, string XmlFormId, string Version, string Title, string Hash, bool Created, Guid SurveyId,
    IReadOnlyList<string> MediaFiles);

public sealed record AppUserInput(string? Name, Guid? SurveyId);

/// <summary>An app user; <c>token</c>, <c>serverUrl</c> and <c>settingsQr</c> only in the answer that created it (the token is not kept).</summary>
public sealed record AppUserResponse(Guid Id, string Name, Guid? SurveyId, DateTime CreatedAt, DateTime? RevokedAt, string? Token = null,
    string? ServerUrl = null, string? SettingsQr = null);

public sealed record AppUserList(IReadOnlyList<AppUserResponse> Items);

public sealed record SubmissionSummary(Guid Id, string InstanceId, string Version, DateTime ReceivedAt, bool Complete, string ReviewState,
    string Submitter, int Attachments, int MissingAttachments);

public sealed record SubmissionPage(IReadOnlyList<SubmissionSummary> Items, string? Next);

public sealed record SubmissionResponse(Guid Id, string InstanceId, string XmlFormId, string Version, DateTime ReceivedAt, bool Complete,
    string ReviewState, string Submitter, string Xml, IReadOnlyList<SubmissionAttachmentResponse> Attachments);

public sealed record SubmissionAttachmentResponse(string Name, bool Expected, bool Received, string? ContentType, long? ByteSize);
