using Amani.Platform.Audit;
using Amani.Platform.Data;

namespace Amani.Register.Attachments;

/// <summary>Adds attachment rows with their audit rows to the unit of work of the change they belong to (saved by the caller).</summary>
public static class AttachmentRows
{
    /// <summary>
    /// Rows for <paramref name="attachments"/> of a community report or an incident; each gets an audit row that names
    /// type and size — never the file name, which may identify the reporter.
    /// </summary>
    public static List<Attachment> Add(AmaniDbContext db, AuditLog audit, Guid missionId, Guid? reportId, Guid? incidentId,
        IReadOnlyList<NewAttachment> attachments, DateTime at, Guid? userId)
    {
        var rows = attachments.Select(a => new Attachment
        {
            MissionId = missionId, ReportId = reportId, IncidentId = incidentId, OriginalHash = a.OriginalHash, StrippedHash = a.StrippedHash,
            MediaType = a.MediaType, ByteSize = a.ByteSize, StrippedByteSize = a.StrippedByteSize, Width = a.Width, Height = a.Height,
            FileName = a.FileName, CreatedAt = at, CreatedByUserId = userId,
        }).ToList();
        db.Attachments.AddRange(rows);
        foreach (var row in rows)
            audit.Record(AuditAction.AttachmentAdded, Attachment.AuditEntity, row.Id,
                $"Photo ({row.MediaType}, {row.ByteSize:N0} bytes, metadata stripped to {row.StrippedByteSize:N0}) attached to " +
                (reportId is { } report ? $"community report {report}." : $"incident {incidentId}."));
        return rows;
    }
}
