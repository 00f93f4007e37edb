using Amani.Platform.Audit;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.AggregatesRebuilt</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class AggregateAudit
{
    extension(AuditAction)
    {
        public static AuditAction AggregatesRebuilt => new(2400, "AggregatesRebuilt");
    }
}
