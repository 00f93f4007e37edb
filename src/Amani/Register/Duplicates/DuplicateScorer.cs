using System.Globalization;
using Amani.Foundation.Taxonomy;

namespace Amani.Register.Duplicates;

/// <summary>What is compared of an incident or a community report: when, where, what kind, and what was said.</summary>
public sealed record DuplicateSubject(DateTime? From, DateTime? Until, double? Latitude, double? Longitude, string? CategoryCode, string? Text);

/// <summary>A score 0–1 and the reasons it is made of, in words a duty officer can check.</summary>
public sealed record DuplicateScore(double Score, IReadOnlyList<string> Reasons)
{
    public static readonly DuplicateScore None = new(0, []);
}

/// <summary>
/// Scores how likely two records describe the same event. Four signals, each 0–1:
/// <list type="bullet">
/// <item>time: 1 when the occurrence times (or ranges) overlap, falling linearly to 0 at <see cref="Window"/> apart;</item>
/// <item>distance: 1 at the same point, falling linearly to 0 at <see cref="Radius"/> km (haversine);</item>
/// <item>category: 1 for the same category, 0.6 for the same ACLED event type (battles.armed-clash vs battles), else 0;</item>
/// <item>text: character-trigram Jaccard of the descriptions (<see cref="TextSimilarity"/>), accent- and case-insensitive.</item>
/// </list>
/// The score is their weighted mean (time 0.3, distance 0.3, category 0.15, text 0.25) over the signals both records
/// have — a community report has no category, a record without coordinates no distance. Records further apart than the
/// window or the radius are not duplicates at all (score 0), whatever else they share.
/// </summary>
public static class DuplicateScorer
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);
    public const double Radius = 25.0;
    /// <summary>From this score on a candidate counts as a likely duplicate (the triage queue's count).</summary>
    public const double Likely = 0.5;

    private const double TimeWeight = 0.3, DistanceWeight = 0.3, CategoryWeight = 0.15, TextWeight = 0.25;

    public static DuplicateScore Score(DuplicateSubject subject, DuplicateSubject candidate)
    {
        var reasons = new List<string>();
        double sum = 0, weights = 0;

        if (subject.From is { } sFrom && candidate.From is { } cFrom)
        {
            var gap = Gap(sFrom, subject.Until ?? sFrom, cFrom, candidate.Until ?? cFrom);
            if (gap > Window)
                return DuplicateScore.None;
            var time = 1 - gap / Window;
            (sum, weights) = (sum + TimeWeight * time, weights + TimeWeight);
            reasons.Add(gap == TimeSpan.Zero ? "occurred at the same time" : $"occurred {Format(gap.TotalHours)} h apart");
        }
        if (subject is { Latitude: { } sLat, Longitude: { } sLon } && candidate is { Latitude: { } cLat, Longitude: { } cLon })
        {
            var km = Haversine(sLat, sLon, cLat, cLon);
            if (km > Radius)
                return DuplicateScore.None;
            (sum, weights) = (sum + DistanceWeight * (1 - km / Radius), weights + DistanceWeight);
            reasons.Add($"{Format(km)} km apart");
        }
        if (!string.IsNullOrEmpty(subject.CategoryCode) && !string.IsNullOrEmpty(candidate.CategoryCode))
        {
            var category = CategoryMatch(subject.CategoryCode, candidate.CategoryCode);
            (sum, weights) = (sum + CategoryWeight * category, weights + CategoryWeight);
            reasons.Add(category switch
            {
                1 => $"same category ({candidate.CategoryCode})",
                > 0 => $"same ACLED event type ({Categories.Find(candidate.CategoryCode)?.AcledEventType})",
                _ => "different category",
            });
        }
        if (!string.IsNullOrWhiteSpace(subject.Text) && !string.IsNullOrWhiteSpace(candidate.Text))
        {
            var text = TextSimilarity.Jaccard(subject.Text, candidate.Text);
            (sum, weights) = (sum + TextWeight * text, weights + TextWeight);
            reasons.Add($"descriptions {Math.Round(text * 100).ToString(CultureInfo.InvariantCulture)}% alike");
        }
        return weights == 0 ? DuplicateScore.None : new DuplicateScore(Math.Round(sum / weights, 3), reasons);
    }

    /// <summary>Great-circle distance in km on a sphere of radius 6371 km.</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * 6371.0 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>1 same code, 0.6 same ACLED event type (or one is the parent of the other), else 0.</summary>
    public static double CategoryMatch(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
            return 1;
        var a = Categories.Find(left)?.AcledEventType;
        var b = Categories.Find(right)?.AcledEventType;
        return a is not null && a == b ? 0.6 : 0;
    }

    /// <summary>The time between two intervals; zero when they overlap.</summary>
    public static TimeSpan Gap(DateTime aFrom, DateTime aUntil, DateTime bFrom, DateTime bUntil) =>
        aUntil < bFrom ? bFrom - aUntil : bUntil < aFrom ? aFrom - bUntil : TimeSpan.Zero;

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
