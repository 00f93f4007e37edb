using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amani.Analysis.Alerts;

/// <summary>The forecast figures an alert rests on.</summary>
public sealed record ForecastEvidence(ForecastOutcome Outcome, int MonthId, string Month, double Probability, string Model, DateTime IssuedAt);

/// <summary>
/// What an evaluation found for one rule and area: the figures compared with the rule's, and the records behind them
/// (incident or report ids, at most <see cref="AlertLimits.EvidenceIds"/>; the counts are complete).
/// </summary>
/// <param name="Observed">Incidents, deaths or reports in the window; the forecast probability for forecast rules.</param>
/// <param name="Threshold">What the rule asks for: the threshold, the minimum count, or the probability.</param>
/// <param name="Previous">Trend: incidents in the previous window of equal length.</param>
/// <param name="Baseline">Report surge: mean reports per window over the baseline windows.</param>
public sealed record AlertEvidence(
    AlertRuleKind Kind,
    DateTime EvaluatedAt,
    DateTime? WindowStart,
    int? WindowDays,
    double Observed,
    double Threshold,
    int? Previous,
    double? Baseline,
    double? Factor,
    int IncidentCount,
    IReadOnlyList<Guid> IncidentIds,
    int ReportCount,
    IReadOnlyList<Guid> ReportIds,
    ForecastEvidence? Forecast)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AlertEvidence FromJson(string json) => JsonSerializer.Deserialize<AlertEvidence>(json, Json)!;

    /// <summary>A hash of what the evidence says, leaving out the evaluation time and the window's position.</summary>
    public string Fingerprint()
    {
        var substance = this with { EvaluatedAt = default, WindowStart = null };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(substance, Json))));
    }
}
