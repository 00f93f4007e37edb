using System.Collections.Concurrent;
using Amani.Platform.Records;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Lets features that commit incidents or reports ask for their mission's rules to be evaluated soon (after
/// <see cref="AlertSettings.NudgeDelay"/>, so that a burst makes one pass). A nudge is a hint, never a guarantee: the
/// scheduled evaluation sees everything, including what other nodes and CLI imports wrote.
/// </summary>
public sealed class AlertNudge : IMissionDataObserver
{
    private readonly ConcurrentDictionary<Guid, byte> _missions = new();
    private readonly SemaphoreSlim _signal = new(0);

    void IMissionDataObserver.Committed(Guid missionId) => Nudge(missionId);

    public void Nudge(Guid missionId)
    {
        _missions[missionId] = 0;
        if (_signal.CurrentCount == 0)
            _signal.Release();
    }

    /// <summary>True when nudged before <paramref name="timeout"/>.</summary>
    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>The missions nudged since the last call.</summary>
    internal IReadOnlyCollection<Guid> Take()
    {
        var missions = _missions.Keys.ToList();
        foreach (var mission in missions)
            _missions.TryRemove(mission, out _);
        return missions;
    }
}
