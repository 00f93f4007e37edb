namespace Amani.Platform.Measures;

/// <summary>
/// Every measure the modules offer (<see cref="IMeasureSource"/>), by key. Refuses at construction — so at the first
/// computation, and in the tests — a key declared twice, a key that does not start with its source's name and a dot, a
/// measure whose <see cref="Measure.Source"/> is not the source that declares it, and two sources of one name.
/// Scoped: it holds the scope's sources, which may keep what they read for the measures that follow.
/// </summary>
public sealed class MeasureCatalog
{
    private readonly Dictionary<string, (IMeasureSource Source, Measure Measure)> _byKey = new(StringComparer.Ordinal);

    public MeasureCatalog(IEnumerable<IMeasureSource> sources)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!names.Add(source.Source))
                throw new InvalidOperationException($"Two measure sources are named '{source.Source}' ({source.GetType().Name} is the second): give each its own name.");
            foreach (var measure in source.Measures)
            {
                if (!measure.Key.StartsWith(source.Source + ".", StringComparison.Ordinal) || measure.Key.Length == source.Source.Length + 1)
                    throw new InvalidOperationException(
                        $"The measure '{measure.Key}' of {source.GetType().Name} must have a key '{source.Source}.<what>': keys start with their source's name.");
                if (measure.Source != source.Source)
                    throw new InvalidOperationException(
                        $"The measure '{measure.Key}' of {source.GetType().Name} names the source '{measure.Source}', not its own '{source.Source}'.");
                if (!_byKey.TryAdd(measure.Key, (source, measure)))
                    throw new InvalidOperationException(
                        $"The measure key '{measure.Key}' is declared twice ({_byKey[measure.Key].Source.GetType().Name} and {source.GetType().Name}): keys must be unique.");
            }
        }
    }

    /// <summary>The measure with this key and the source that computes it, or null when no module offers it.</summary>
    public (IMeasureSource Source, Measure Measure)? Find(string key) =>
        _byKey.TryGetValue(key, out var found) ? found : null;

    /// <summary>Every measure, by key.</summary>
    public IReadOnlyList<Measure> All => _byKey.Values.Select(v => v.Measure).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
}
