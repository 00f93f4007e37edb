using Amani.Platform.Audit;

namespace Amani.Analysis.Forecasting;

/// <summary>
/// The audit codes of this module, added to <see cref="AuditAction"/> (so writers say <c>AuditAction.CountryMonthsImported</c>). Stable:
/// stored in the hash-chained log; never renumber or reuse one. Found at start-up by <see cref="AuditActions"/>, which
/// refuses a code declared twice.
/// </summary>
public static class ForecastAudit
{
    extension(AuditAction)
    {
        public static AuditAction CountryMonthsImported => new(2200, "CountryMonthsImported");
        public static AuditAction ForecastsGenerated => new(2600, "ForecastsGenerated");
        public static AuditAction ForecastsScored => new(2601, "ForecastsScored");
    }
}
