using Amani.Platform.Audit;

namespace Amani.Register.Incidents;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.IncidentRecorded</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class IncidentAudit
{
    extension(AuditAction)
    {
        public static AuditAction IncidentRecorded => new(2000, "IncidentRecorded");
        public static AuditAction IncidentUpdated => new(2001, "IncidentUpdated");
        public static AuditAction IncidentStatusChanged => new(2002, "IncidentStatusChanged");
        public static AuditAction IncidentAssigned => new(2003, "IncidentAssigned");
        public static AuditAction IncidentMerged => new(2004, "IncidentMerged");
        public static AuditAction IncidentsImported => new(2005, "IncidentsImported");
        public static AuditAction IncidentPublicationRequested => new(2006, "IncidentPublicationRequested");
        public static AuditAction IncidentDescriptionPublished => new(2007, "IncidentDescriptionPublished");
    }
}
