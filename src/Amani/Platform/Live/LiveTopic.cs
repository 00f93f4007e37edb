using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Amani.Platform.Live;

/// <summary>
/// A kind of record the live feed announces, registered by the module that owns the record
/// (<c>services.AddSingleton&lt;LiveTopic, IncidentLiveTopic&gt;()</c>): which saved changes it announces, and who may hear
/// of them. The feed itself names no module.
/// </summary>
public abstract class LiveTopic
{
    /// <summary>The event a change the context is about to save announces, or null (most changes announce nothing).</summary>
    public abstract LiveEvent? Describe(EntityEntry entry);

    /// <summary>
    /// Who hears this topic's events in a mission: null when the subscriber may hear none of them (decided when the
    /// subscriber connects), else a check of each event of this topic's kinds.
    /// </summary>
    public abstract Task<LiveListener?> ListenAsync(AmaniDbContext db, AccessContext access, Guid missionId, CancellationToken cancellationToken);
}

/// <summary>One subscriber's filter for the events of one topic.</summary>
/// <param name="Kinds">The event kinds this filter decides.</param>
/// <param name="Hears">Whether the subscriber hears one event of those kinds.</param>
public sealed record LiveListener(IReadOnlySet<string> Kinds, Func<LiveEvent, CancellationToken, Task<bool>> Hears);
