using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Records;

/// <summary>
/// A kind of mission record other records may link to (a follow-up's record, a piece of evidence): its audit entity
/// name (<c>incident</c>), the module that keeps it, where it is shown in the app and, when given, the entity that holds
/// it (with an <c>Id</c> and a <c>MissionId</c>), so that a link to a record that does not exist can be refused.
/// Registered by that module (<c>services.AddSingleton(new RecordKind(…))</c>); <see cref="RecordKinds"/> answers for all of them.
/// </summary>
public sealed record RecordKind(string Type, string Module, Func<string, Guid, string> PagePath, Type? Entity = null);

/// <summary>Every <see cref="RecordKind"/> the modules registered.</summary>
public sealed class RecordKinds(IEnumerable<RecordKind> kinds)
{
    private static readonly MethodInfo ExistsInMission = typeof(RecordKinds).GetMethod(nameof(ExistsOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<string, RecordKind> _byType = kinds.ToDictionary(k => k.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _byType.Keys;

    public RecordKind? Find(string? type) => type is not null && _byType.TryGetValue(type, out var kind) ? kind : null;

    /// <summary>The app path of a record of <paramref name="type"/> in the mission <paramref name="missionCode"/>, or null for an unknown kind.</summary>
    public string? PathOf(string? type, string missionCode, Guid id) => Find(type)?.PagePath(Uri.EscapeDataString(missionCode), id);

    /// <summary>
    /// Whether the mission holds a record <paramref name="id"/> of <paramref name="type"/> (one query, nothing tracked).
    /// False for an unknown kind; true for a kind registered without its entity (it cannot be checked).
    /// </summary>
    public Task<bool> ExistsAsync(DbContext db, string type, Guid missionId, Guid id, CancellationToken cancellationToken) =>
        Find(type) switch
        {
            null => Task.FromResult(false),
            { Entity: null } => Task.FromResult(true),
            { Entity: { } entity } => (Task<bool>)ExistsInMission.MakeGenericMethod(entity).Invoke(null, [db, missionId, id, cancellationToken])!,
        };

    private static Task<bool> ExistsOfAsync<T>(DbContext db, Guid missionId, Guid id, CancellationToken cancellationToken) where T : class =>
        db.Set<T>().AnyAsync(e => EF.Property<Guid>(e, "Id") == id && EF.Property<Guid>(e, "MissionId") == missionId, cancellationToken);
}
