using Amani.Platform.Data;

namespace Amani.Platform.Measures;

/// <summary>How the facts of a measure combine into one value for a period, an area and a group.</summary>
public enum MeasureAggregation
{
    /// <summary>Σ value (a count, a sum of fatalities).</summary>
    Sum,
    /// <summary>Σ value ÷ Σ weight: numerator over denominator (answered within N days ÷ received), a share of 0 to 1.</summary>
    Share,
    /// <summary>Σ value ÷ Σ weight, a mean (a mean of days, weighted by the number of records).</summary>
    Average,
    /// <summary>The median of the facts' values (one fact per record).</summary>
    Median,
}

/// <summary>A whole-number setting of a measure that an indicator chooses (<c>days</c> = 7 for "answered within 7 days").</summary>
public sealed record MeasureParameter(string Name, string Description, int DefaultValue, int Minimum, int Maximum);

/// <summary>
/// Something Amani can count from its own records, which a results-framework indicator may be computed from (the
/// number of incidents, the share of community reports answered within N days…). Declared by the module that keeps
/// the records, in its <see cref="IMeasureSource"/>. <see cref="Key"/> is stable: indicators store it.
/// </summary>
/// <param name="Key">Stable key, <c>source.what</c> in kebab case: <c>incidents.civilian-fatalities</c>.</param>
/// <param name="Source">The <see cref="IMeasureSource.Source"/> that computes it.</param>
/// <param name="Name">What it measures, in English and French.</param>
/// <param name="Formula">How it is computed, in words a reader of the indicator understands, in English and French; <c>{days}</c> stands for a parameter's value.</param>
/// <param name="Group">
/// What <see cref="MeasureFact.Group"/> holds when the measure splits its facts (<c>category</c>: the incident
/// category code), or null when it does not. An indicator may keep only some groups, or show one value per group.
/// </param>
public sealed record Measure(
    string Key, string Source, MeasureText Name, MeasureText Formula, MeasureAggregation Aggregation, string Unit,
    string? Group, IReadOnlyList<MeasureParameter> Parameters)
{
    /// <summary>The parameter values to use: the indicator's, with each missing one at its default.</summary>
    public IReadOnlyDictionary<string, int> Resolve(IReadOnlyDictionary<string, int>? arguments) =>
        Parameters.ToDictionary(p => p.Name, p => arguments is not null && arguments.TryGetValue(p.Name, out var value) ? value : p.DefaultValue);

    /// <summary>The formula with its parameters' values in place.</summary>
    public string FormulaFor(IReadOnlyDictionary<string, int> arguments, bool french) =>
        arguments.Aggregate(french ? Formula.French : Formula.English, (text, a) => text.Replace("{" + a.Key + "}", a.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A text in English and in French.</summary>
public sealed record MeasureText(string English, string French)
{
    public string In(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr" ? French : English;
}

/// <summary>What a measure is asked for: one mission, the months from <see cref="From"/> (first day of a month) to <see cref="Until"/> (exclusive).</summary>
/// <param name="PublicOnly">Only records the public may see (a public indicator counts only public incidents).</param>
/// <param name="Arguments">The indicator's parameter values, resolved (<see cref="Measure.Resolve"/>).</param>
public sealed record MeasureRequest(Guid MissionId, DateOnly From, DateOnly Until, bool PublicOnly, IReadOnlyDictionary<string, int> Arguments);

/// <summary>
/// One fact a measure found: for a month (its first day, UTC), an area (the finest the records know; null when a record
/// has none — it counts for the whole mission only), and a group (see <see cref="Measure.Group"/>).
/// For <see cref="MeasureAggregation.Sum"/> <see cref="Value"/> is the amount; for <see cref="MeasureAggregation.Share"/>
/// and <see cref="MeasureAggregation.Average"/> the numerator, with the denominator in <see cref="Weight"/>; for
/// <see cref="MeasureAggregation.Median"/> one record's value (weight 1). Facts of one key may be pre-summed.
/// <see cref="Low"/>/<see cref="High"/>: a share's 95 % interval (0 to 1), set only by sources that estimate one (survey
/// rounds): a fact without an area carries the whole mission's, one with an area that area's. An indicator value takes it
/// when exactly one fact carrying one reaches its cell (one round in the period; one stratum in the area); a fact of weight 0
/// may carry an interval alone.
/// </summary>
public readonly record struct MeasureFact(DateOnly Month, Guid? AreaId, string? Group, double Value, double Weight, double? Low = null, double? High = null);

/// <summary>
/// A module's measures and how it computes them: registered scoped by that module
/// (<c>services.AddScoped&lt;IMeasureSource, IncidentMeasures&gt;()</c>), so an instance lives for one computation
/// and may keep what it read for the measures that follow (one grouped read of the incidents serves the count, the
/// fatalities and the civilian fatalities). Results never names the module.
/// </summary>
public interface IMeasureSource
{
    /// <summary>The source's key (<c>incidents</c>), the first part of its measures' keys.</summary>
    string Source { get; }

    IReadOnlyList<Measure> Measures { get; }

    /// <summary>The facts of <paramref name="measure"/> (one of <see cref="Measures"/>) for the request, by one or a few grouped queries (never one per record of a large table).</summary>
    Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure measure, MeasureRequest request, CancellationToken cancellationToken);
}
