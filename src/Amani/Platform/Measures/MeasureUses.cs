namespace Amani.Platform.Measures;

/// <summary>
/// What uses a measure: the results framework's indicators computed from it, by code. A source asks before it withdraws
/// one of its measures (a survey measure that is removed), so that no indicator is left computed from a key no module
/// offers. Implemented by the module that stores indicators; the source never names it.
/// </summary>
public interface IMeasureUses
{
    /// <summary>The codes of the indicators computed from <paramref name="key"/>, in any mission, ordered; empty when none is.</summary>
    Task<IReadOnlyList<string>> IndicatorsUsingAsync(string key, CancellationToken cancellationToken = default);
}
