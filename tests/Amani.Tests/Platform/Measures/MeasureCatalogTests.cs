using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Measures;

/// <summary>The catalog finds a measure by key, lists every measure the modules offer, and refuses keys that would be ambiguous.</summary>
public sealed class MeasureCatalogTests
{
    private sealed class Fake(string name, params string[] keys) : IMeasureSource
    {
        public string Source => name;

        public IReadOnlyList<Measure> Measures { get; } = keys.Select(key => new Measure(key, name, new("x", "x"), new("x", "x"),
            MeasureAggregation.Sum, "things", null, [])).ToList();

        public Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure measure, MeasureRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MeasureFact>>([]);
    }

    [Fact]
    public void Finds_a_measure_and_its_source_by_key_and_lists_them_all()
    {
        var meetings = new Fake("meetings", "meetings.held", "meetings.attendance");
        var catalog = new MeasureCatalog([meetings, new Fake("trainings", "trainings.certified")]);

        var (source, measure) = catalog.Find("meetings.attendance")!.Value;
        Assert.Same(meetings, source);
        Assert.Equal("meetings.attendance", measure.Key);
        Assert.Null(catalog.Find("meetings.cancelled"));
        Assert.Equal(["meetings.attendance", "meetings.held", "trainings.certified"], catalog.All.Select(m => m.Key));
    }

    [Fact]
    public void A_key_declared_twice_is_refused()
    {
        var twice = Assert.Throws<InvalidOperationException>(() => new MeasureCatalog([new Fake("meetings", "meetings.held", "meetings.held")]));
        Assert.Contains("'meetings.held' is declared twice", twice.Message);
        Assert.Throws<InvalidOperationException>(() => new MeasureCatalog([new Fake("meetings", "meetings.held"), new Fake("meetings", "meetings.other")]));
    }

    [Theory]
    [InlineData("trainings.held")]
    [InlineData("meetingsheld")]
    [InlineData("meetings.")]
    [InlineData("meetings-x.held")]
    public void A_key_not_prefixed_by_its_source_is_refused(string key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new MeasureCatalog([new Fake("meetings", key)]));
        Assert.Contains($"'{key}'", refused.Message);
    }

    [Fact]
    public void A_measure_naming_another_source_is_refused()
    {
        var stray = new Measure("meetings.held", "trainings", new("x", "x"), new("x", "x"), MeasureAggregation.Sum, "things", null, []);
        Assert.Throws<InvalidOperationException>(() => new MeasureCatalog([new Wrapping("meetings", stray)]));
    }

    private sealed class Wrapping(string name, Measure measure) : IMeasureSource
    {
        public string Source => name;
        public IReadOnlyList<Measure> Measures => [measure];
        public Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure m, MeasureRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<MeasureFact>>([]);
    }

    [Fact]
    public async Task The_application_offers_the_measures_of_the_incidents_reports_alerts_and_follow_ups()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var measures = await app.WithScopeAsync(services => Task.FromResult(services.GetRequiredService<MeasureCatalog>().All));
        string[] ours = [
            "alerts.hours-to-response", "alerts.resolved-before-deadline", "follow-ups.done-on-time",
            "incidents.civilian-fatalities", "incidents.count", "incidents.fatalities",
            "reports.answered-within", "reports.days-to-first-answer", "reports.received",
        ];
        Assert.Equal(ours, measures.Select(m => m.Key).Intersect(ours)); // later modules add theirs
        var answered = measures.Single(m => m.Key == "reports.answered-within");
        Assert.Equal(MeasureAggregation.Share, answered.Aggregation);
        Assert.Equal(new Dictionary<string, int> { ["days"] = 7 }, answered.Resolve(null));
        Assert.Contains("within 14 days", answered.FormulaFor(answered.Resolve(new Dictionary<string, int> { ["days"] = 14 }), french: false));
        Assert.All(measures, m => Assert.False(string.IsNullOrWhiteSpace(m.Formula.French)));
    }
}
