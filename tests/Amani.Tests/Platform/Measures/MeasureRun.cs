using System.Collections.Concurrent;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Measures;

/// <summary>Reads measures as the computation does (through the catalog, in one scope), and watches the announced changes.</summary>
public static class MeasureRun
{
    public static readonly DateOnly January = new(2024, 1, 1);
    public static readonly DateOnly February = new(2024, 2, 1);
    public static readonly DateOnly March = new(2024, 3, 1);

    /// <summary>The facts of one measure, in a scope of its own, sorted (month, area, group) so they compare as a list.</summary>
    public static Task<List<MeasureFact>> FactsAsync(TestApp app, string key, Guid missionId, DateOnly from, DateOnly until, bool publicOnly,
        IReadOnlyDictionary<string, int>? arguments = null) =>
        app.WithScopeAsync(async services =>
        {
            var found = services.GetRequiredService<MeasureCatalog>().Find(key);
            Assert.True(found is not null, $"No measure {key}");
            var (source, measure) = found!.Value;
            var facts = await source.ReadAsync(services.GetRequiredService<AmaniDbContext>(), measure,
                new MeasureRequest(missionId, from, until, publicOnly, measure.Resolve(arguments)), CancellationToken.None);
            return Sorted(facts);
        });

    public static List<MeasureFact> Sorted(IEnumerable<MeasureFact> facts) =>
        facts.OrderBy(f => f.Month).ThenBy(f => f.AreaId).ThenBy(f => f.Group, StringComparer.Ordinal).ThenBy(f => f.Value).ToList();

    /// <summary>The median of the facts' values (a Median measure's value for the period).</summary>
    public static double Median(IEnumerable<MeasureFact> facts)
    {
        var values = facts.Select(f => f.Value).Order().ToList();
        Assert.NotEmpty(values);
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>Σ value ÷ Σ weight (a Share measure's value for the period).</summary>
    public static double Share(IEnumerable<MeasureFact> facts)
    {
        var list = facts.ToList();
        return list.Sum(f => f.Value) / list.Sum(f => f.Weight);
    }

    /// <summary>Collects every change announced from now on, until disposed.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly MeasureChanges _changes;
        public ConcurrentQueue<MeasureChange> Seen { get; } = new();

        public Watch(TestApp app)
        {
            _changes = app.Services.GetRequiredService<MeasureChanges>();
            _changes.Announced += Seen.Enqueue;
        }

        /// <summary>Waits (up to 20 s, for a slow machine) until a change matches; false when none did.</summary>
        public async Task<bool> SeenAsync(Func<MeasureChange, bool> match)
        {
            for (var waited = 0; waited < 200; waited++)
            {
                if (Seen.Any(match))
                    return true;
                await Task.Delay(100);
            }
            return false;
        }

        public void Dispose() => _changes.Announced -= Seen.Enqueue;
    }
}
