using System.Collections.Concurrent;
using System.Text.Json;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>What intake needs of a form version that never changes once imported: its binary paths and consent question.</summary>
public sealed record VersionFacts(string BinaryPaths, string? ConsentPath)
{
    public static VersionFacts Of(string binaryPaths, string infoJson)
    {
        using var info = JsonDocument.Parse(infoJson);
        var consent = info.RootElement.TryGetProperty(nameof(Forms.FormInfo.ConsentPath), out var path) && path.ValueKind == JsonValueKind.String
            ? path.GetString()
            : null;
        return new VersionFacts(binaryPaths, consent);
    }
}

/// <summary>
/// The immutable facts of form versions, by version id, kept in memory (a version's XForm and info never change; its state
/// does, and is read each time). Bounded: cleared when it grows past <see cref="MaxEntries"/>.
/// </summary>
public sealed class VersionFactsCache
{
    private const int MaxEntries = 5_000;
    private readonly ConcurrentDictionary<Guid, VersionFacts> _facts = new();

    public bool TryGet(Guid versionId, out VersionFacts facts) => _facts.TryGetValue(versionId, out facts!);

    public void Add(Guid versionId, VersionFacts facts)
    {
        if (_facts.Count >= MaxEntries)
            _facts.Clear();
        _facts[versionId] = facts;
    }
}
