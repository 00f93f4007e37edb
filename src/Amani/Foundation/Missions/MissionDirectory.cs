using Amani.Platform.Data;
using Amani.Platform.Directories;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

/// <summary>The missions as platform services see them (<see cref="IMissionDirectory"/>).</summary>
internal sealed class MissionDirectory(AmaniDbContext db) : IMissionDirectory
{
    public Task<MissionEntry?> FindAsync(string code, CancellationToken cancellationToken) =>
        db.Missions.AsNoTracking().Where(m => m.Code == code.Trim().ToUpperInvariant())
            .Select(m => new MissionEntry(m.Id, m.Code, m.Name, m.TimeZone)).FirstOrDefaultAsync(cancellationToken);

    public Task<MissionEntry?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Missions.AsNoTracking().Where(m => m.Id == id).Select(m => new MissionEntry(m.Id, m.Code, m.Name, m.TimeZone)).FirstOrDefaultAsync(cancellationToken);
}
