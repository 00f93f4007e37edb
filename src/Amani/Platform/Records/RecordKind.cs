namespace Amani.Platform.Records;

/// <summary>
/// A kind of mission record other records may link to (a follow-up's record, a piece of evidence): its audit entity
/// name (<c>incident</c>), the module that keeps it, and where it is shown in the app. Registered by that module
/// (<c>services.AddSingleton(new RecordKind(…))</c>); <see cref="RecordKinds"/> answers for all of them.
/// </summary>
public sealed record RecordKind(string Type, string Module, Func<string, Guid, string> PagePath);

/// <summary>Every <see cref="RecordKind"/> the modules registered.</summary>
public sealed class RecordKinds(IEnumerable<RecordKind> kinds)
{
    private readonly Dictionary<string, RecordKind> _byType = kinds.ToDictionary(k => k.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _byType.Keys;

    public RecordKind? Find(string? type) => type is not null && _byType.TryGetValue(type, out var kind) ? kind : null;

    /// <summary>The app path of a record of <paramref name="type"/> in the mission <paramref name="missionCode"/>, or null for an unknown kind.</summary>
    public string? PathOf(string? type, string missionCode, Guid id) => Find(type)?.PagePath(Uri.EscapeDataString(missionCode), id);
}
