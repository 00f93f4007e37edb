namespace Amani.Platform.Records;

/// <summary>
/// A module that wants to hear when a mission's records were committed (incidents recorded or imported, reports
/// received), to react soon rather than at its next scheduled pass — alert rules, for instance. Registered by that module
/// (<c>services.AddSingleton&lt;IMissionDataObserver&gt;(…)</c>); writers never name it.
/// </summary>
public interface IMissionDataObserver
{
    /// <summary>Records of <paramref name="missionId"/> were committed. Must return at once (queue the work).</summary>
    void Committed(Guid missionId);
}

/// <summary>What writers call after committing records of a mission: tells every <see cref="IMissionDataObserver"/>.</summary>
public sealed class MissionDataSignal(IEnumerable<IMissionDataObserver> observers)
{
    private readonly IMissionDataObserver[] _observers = observers.ToArray();

    public void Committed(Guid missionId)
    {
        foreach (var observer in _observers)
            observer.Committed(missionId);
    }
}
