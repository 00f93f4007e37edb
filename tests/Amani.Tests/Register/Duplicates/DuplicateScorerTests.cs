using Amani.Register.Duplicates;
using Xunit;

namespace Amani.Tests.Register.Duplicates;

public sealed class DuplicateScorerTests
{
    private static readonly DateTime Noon = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static DuplicateSubject At(double hours = 0, double lat = 4.5, double lon = 18.5, string? category = "battles.armed-clash",
        string text = "Armed men attacked the market of Boali") =>
        new(Noon.AddHours(hours), Noon.AddHours(hours), lat, lon, category, text);

    [Fact]
    public void The_same_event_scores_one() =>
        Assert.Equal(1.0, DuplicateScorer.Score(At(), At()).Score);

    [Fact]
    public void Scores_decay_with_time_and_distance_and_stop_at_the_window_and_radius()
    {
        var near = DuplicateScorer.Score(At(), At(hours: 6)).Score;
        var later = DuplicateScorer.Score(At(), At(hours: 30)).Score;
        Assert.True(1 > near && near > later && later > 0, $"{near} {later}");
        Assert.Equal(0, DuplicateScorer.Score(At(), At(hours: 49)).Score);

        var close = DuplicateScorer.Score(At(), At(lat: 4.52)).Score;   // ~2 km
        var far = DuplicateScorer.Score(At(), At(lat: 4.65)).Score;     // ~17 km
        Assert.True(1 > close && close > far && far > 0, $"{close} {far}");
        Assert.Equal(0, DuplicateScorer.Score(At(), At(lat: 4.8)).Score); // ~33 km
    }

    [Fact]
    public void Overlapping_time_ranges_are_zero_hours_apart()
    {
        var range = new DuplicateSubject(Noon.AddDays(-3), Noon.AddDays(1), 4.5, 18.5, null, null);
        Assert.Equal(TimeSpan.Zero, DuplicateScorer.Gap(Noon, Noon, range.From!.Value, range.Until!.Value));
        Assert.Contains("occurred at the same time", DuplicateScorer.Score(At(), range).Reasons);
    }

    [Fact]
    public void Haversine_matches_a_known_distance()
    {
        // One degree of latitude is ~111.2 km on the 6371 km sphere; Bangui to Boali ~ 80 km.
        Assert.Equal(111.19, DuplicateScorer.Haversine(4, 18, 5, 18), 1);
        Assert.InRange(DuplicateScorer.Haversine(4.3612, 18.5550, 4.8000, 18.1167), 65, 75);
    }

    [Fact]
    public void Categories_match_exactly_or_by_acled_event_type()
    {
        Assert.Equal(1, DuplicateScorer.CategoryMatch("battles.armed-clash", "battles.armed-clash"));
        Assert.Equal(0.6, DuplicateScorer.CategoryMatch("battles.armed-clash", "battles"));
        Assert.Equal(0, DuplicateScorer.CategoryMatch("battles.armed-clash", "protests.peaceful-protest"));
        var same = DuplicateScorer.Score(At(), At()).Score;
        var other = DuplicateScorer.Score(At(), At(category: "protests.peaceful-protest")).Score;
        Assert.True(same > other);
        Assert.Contains(DuplicateScorer.Score(At(), At(category: "battles")).Reasons, r => r.Contains("ACLED event type", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Attaque du marché de Boali par des hommes armés", "attaque du MARCHE de boali par des hommes armes", 1.0)]
    [InlineData("Tirs entendus près de l'école", "Tirs entendus pres de l ecole", 1.0)]
    public void Text_similarity_ignores_accents_case_and_punctuation(string left, string right, double expected) =>
        Assert.Equal(expected, TextSimilarity.Jaccard(left, right), 3);

    [Fact]
    public void Similar_texts_score_above_unrelated_ones_in_french_and_english()
    {
        var fr = TextSimilarity.Jaccard("Des hommes armés ont attaqué le marché de Boali", "Attaque armée au marché de Boali ce matin");
        var frUnrelated = TextSimilarity.Jaccard("Des hommes armés ont attaqué le marché de Boali", "Inondation du pont sur la rivière Mpoko");
        var en = TextSimilarity.Jaccard("Armed men attacked the Boali market", "Attack by armed men at Boali market");
        var enUnrelated = TextSimilarity.Jaccard("Armed men attacked the Boali market", "Flooding closed the bridge over the river");
        Assert.True(fr > frUnrelated + 0.2, $"{fr} vs {frUnrelated}");
        Assert.True(en > enUnrelated + 0.2, $"{en} vs {enUnrelated}");
        Assert.Equal(0, TextSimilarity.Jaccard("", "anything"));
    }

    [Fact]
    public void Missing_signals_are_left_out_and_reasons_list_those_used()
    {
        var report = new DuplicateSubject(Noon, Noon, null, null, null, "Armed men attacked the market of Boali");
        var score = DuplicateScorer.Score(report, At(hours: 2));
        Assert.True(score.Score > DuplicateScorer.Likely, score.Score.ToString());
        Assert.Equal(2, score.Reasons.Count);
        Assert.Equal("occurred 2.0 h apart", score.Reasons[0]);
        Assert.StartsWith("descriptions ", score.Reasons[1], StringComparison.Ordinal);
        var full = DuplicateScorer.Score(At(), At(hours: 1, lat: 4.51));
        Assert.Equal(["occurred 1.0 h apart", "1.1 km apart", "same category (battles.armed-clash)", "descriptions 100% alike"], full.Reasons);
    }
}
