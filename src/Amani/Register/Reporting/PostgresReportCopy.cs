using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Amani.Register.Reporting;

/// <summary>
/// Writes a batch of new community reports and their (already sealed) audit rows with PostgreSQL's binary COPY, inside
/// the caller's transaction: for the intake's hot path, where EF Core's per-row INSERT statements cost several times
/// more than the rest of a report. The column lists mirror the tables of migrations 0001, 0003, 0016 and 0023; a new NOT NULL
/// column without a default makes COPY fail loudly, and the intake tests read every field back through EF on PostgreSQL.
/// </summary>
internal static class PostgresReportCopy
{
    private const string Reports = "COPY community_reports (id, mission_id, tracking_code, idempotency_key_hash, request_fingerprint, channel, " +
                                   "description, latitude, longitude, place_name, area_id, occurred_at, language, contact_protected, consent_to_contact, " +
                                   "status, incident_id, assigned_to_user_id, received_at, updated_at, version) FROM STDIN (FORMAT BINARY)";

    private const string AuditRows = "COPY audit_entries (sequence, occurred_at, actor, action_code, entity_type, entity_id, summary, request_id, " +
                                     "previous_hash, hash, hash_scheme, key_id) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteAsync(AmaniDbContext db, IReadOnlyList<CommunityReport> reports, IReadOnlyList<AuditEntry> audit,
        CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(Reports, cancellationToken))
        {
            foreach (var r in reports)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.MissionId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.TrackingCode, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(r.IdempotencyKeyHash, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(r.RequestFingerprint, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.Channel.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.Description, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteOrNullAsync(r.Latitude, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteOrNullAsync(r.Longitude, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteOrNullAsync(r.PlaceName, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(r.AreaId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteOrNullAsync(r.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteOrNullAsync(r.Language, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(r.ContactProtected, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.ConsentToContact, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(r.IncidentId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteOrNullAsync(r.AssignedToUserId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.Version, NpgsqlDbType.Integer, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(AuditRows, cancellationToken))
        {
            foreach (var e in audit)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(e.Actor, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(e.ActionCode, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(e.EntityType, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(e.EntityId, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(e.Summary, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.RequestId, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(e.PreviousHash, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(e.Hash, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(e.HashScheme.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(e.KeyId, NpgsqlDbType.Varchar, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
    }
}
