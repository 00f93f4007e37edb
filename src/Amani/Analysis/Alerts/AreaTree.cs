using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Alerts;

/// <summary>The admin areas of one mission (id, code, name, level, materialised path), read once per evaluation or request.</summary>
public sealed class AreaTree
{
    public sealed record Node(Guid Id, string PCode, string Name, int Level, string Path);

    private readonly Dictionary<Guid, Node> _byId;

    private AreaTree(IEnumerable<Node> nodes) => _byId = nodes.ToDictionary(n => n.Id);

    public static async Task<AreaTree> LoadAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken) =>
        new(await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId)
            .Select(a => new Node(a.Id, a.PCode, a.Name, a.Level, a.Path)).ToListAsync(cancellationToken));

    public IEnumerable<Node> All => _byId.Values;

    public Node? Find(Guid? id) => id is { } key ? _byId.GetValueOrDefault(key) : null;

    /// <summary>The area and every area below it.</summary>
    public IEnumerable<Node> Subtree(Node root) => _byId.Values.Where(n => n.Path.StartsWith(root.Path, StringComparison.Ordinal));

    /// <summary>The areas that contain <paramref name="node"/> or lie inside it: whoever is scoped to one of them is concerned.</summary>
    public IEnumerable<Node> Overlapping(Node node) => _byId.Values.Where(n =>
        n.Path.StartsWith(node.Path, StringComparison.Ordinal) || node.Path.StartsWith(n.Path, StringComparison.Ordinal));

    /// <summary>The ancestor (or the area itself) at <paramref name="level"/>, from the path.</summary>
    public Node? AncestorAt(Node node, int level) => node.Level < level ? null
        : _byId.Values.FirstOrDefault(n => n.Level == level && node.Path.StartsWith(n.Path, StringComparison.Ordinal));
}
