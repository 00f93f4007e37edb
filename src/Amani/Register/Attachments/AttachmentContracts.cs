namespace Amani.Register.Attachments;

/// <summary>
/// An attachment as staff see it. <see cref="Url"/> serves the copy without metadata; <see cref="OriginalUrl"/> the
/// original, to roles with <c>attachments:original</c> only.
/// </summary>
public sealed record AttachmentResponse(Guid Id, string FileName, string MediaType, long ByteSize, long OriginalByteSize, int? Width, int? Height,
    string Sha256, DateTime CreatedAt, Guid? CreatedByUserId, string Url, string OriginalUrl);

public sealed record AttachmentList(IReadOnlyList<AttachmentResponse> Items);
