using Amani.Platform.Data;
using Amani.Platform.Directories;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Areas;

/// <summary>The administrative areas as platform services see them (<see cref="IAreaDirectory"/>).</summary>
internal sealed class AreaDirectory(AmaniDbContext db) : IAreaDirectory
{
    public Task<AreaEntry?> FindAsync(Guid missionId, string pCode, CancellationToken cancellationToken) =>
        db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId && a.PCode == pCode.Trim())
            .Select(a => new AreaEntry(a.Id, a.MissionId, a.PCode, a.Name, a.Path)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, AreaEntry>> FindAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<Guid, AreaEntry>();
        return await db.AdminAreas.AsNoTracking().Where(a => wanted.Contains(a.Id))
            .Select(a => new AreaEntry(a.Id, a.MissionId, a.PCode, a.Name, a.Path)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }

    public async Task<IReadOnlySet<Guid>> SubtreeAsync(IEnumerable<Guid> roots, CancellationToken cancellationToken)
    {
        var result = new HashSet<Guid>();
        foreach (var root in (await FindAsync(roots, cancellationToken)).Values)
        {
            var path = root.Path;
            result.UnionWith(await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == root.MissionId && a.Path.StartsWith(path))
                .Select(a => a.Id).ToListAsync(cancellationToken));
        }
        return result;
    }
}
