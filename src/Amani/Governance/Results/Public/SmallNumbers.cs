using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Amani.Governance.Results.Public;

/// <summary>Why a published cell has no value.</summary>
public enum Suppression
{
    /// <summary>Published as it is.</summary>
    None,
    /// <summary>A security figure by area between 1 and k−1 (or a share of fewer than k records): could point at people.</summary>
    Small,
    /// <summary>
    /// Withheld so that a <see cref="Small"/> cell cannot be worked out from the mission total minus the other areas
    /// (complementary suppression).
    /// </summary>
    Complementary,
}

/// <summary>
/// Small-number suppression of the public results, the one place that decides it (security finding: a published
/// security figure by area must not let anyone single out the few people behind it).
/// <list type="bullet">
/// <item>Only indicators <b>computed from a security source</b> are concerned: their measure's key starts with
/// <c>incidents.</c>, <c>reports.</c> or <c>alerts.</c> (<see cref="IsSecurity"/>). Entered indicators and other
/// sources (follow-ups) are published as they are.</item>
/// <item>Only values <b>by area</b>: mission-wide totals are published as they are.</item>
/// <item>A count or sum strictly between 0 and k (1…k−1) is <see cref="Suppression.Small"/>; 0 is published (no incident
/// is not a person). A percentage, ratio or average is <see cref="Suppression.Small"/> when the number of records behind
/// it (its denominator) is below k — or unknown (a median keeps none), so such values are never published by area.</item>
/// <item><b>Complementary suppression</b> (counts and sums only): when exactly one area of a period is
/// <see cref="Suppression.Small"/>, the mission total minus the other areas would reveal it, so the smallest other area
/// of that period (ties: the first by P-code) is withheld too (<see cref="Suppression.Complementary"/>). With two or
/// more small cells, their sum is known but not each one. An indicator whose level has a single area gets no complement
/// (its total is its one area's value, published as the mission total).</item>
/// </list>
/// </summary>
public static class SmallNumbers
{
    /// <summary>The measure-key prefixes of the security sources.</summary>
    public static IReadOnlyList<string> SecurityPrefixes { get; } = ["incidents.", "reports.", "alerts."];

    /// <summary>Whether values of an indicator computed from <paramref name="measureKey"/> are security figures.</summary>
    public static bool IsSecurity(string? measureKey) =>
        measureKey is not null && SecurityPrefixes.Any(prefix => measureKey.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>One area's value of a period, as stored (the denominator of a share; null for counts, sums and medians).</summary>
    public readonly record struct Cell(string Area, double Value, double? Denominator);

    /// <summary>
    /// How each area value of one period of an indicator of <paramref name="type"/> is published, by area, given the
    /// threshold <paramref name="k"/>: every cell <see cref="Suppression.None"/> unless <paramref name="security"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, Suppression> Decide(bool security, IndicatorType type, IReadOnlyList<Cell> cells, int k)
    {
        var result = cells.ToDictionary(c => c.Area, _ => Suppression.None, StringComparer.Ordinal);
        if (!security)
            return result;
        var counted = type is IndicatorType.Count or IndicatorType.Sum;
        foreach (var cell in cells)
            if (counted ? cell.Value > 0 && cell.Value < k : cell.Denominator is not { } records || records < k)
                result[cell.Area] = Suppression.Small;
        if (counted && result.Values.Count(s => s == Suppression.Small) == 1)
        {
            var complement = cells.Where(c => result[c.Area] == Suppression.None).OrderBy(c => c.Value).ThenBy(c => c.Area, StringComparer.Ordinal)
                .Select(c => (string?)c.Area).FirstOrDefault();
            if (complement is not null)
                result[complement] = Suppression.Complementary;
        }
        return result;
    }
}

/// <summary>The threshold of small-number suppression on the public results page and API (<c>AMANI_PUBLIC_MIN_CELL</c>, default 5).</summary>
public sealed record PublicResultsSettings
{
    /// <summary>k: a security count by area from 1 to k−1, or a share of fewer than k records, is not published.</summary>
    [ConfigurationKeyName("AMANI_PUBLIC_MIN_CELL"), Range(2, 100)]
    public int MinCell { get; init; } = 5;
}
