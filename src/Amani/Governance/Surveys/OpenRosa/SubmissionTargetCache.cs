using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Amani.Foundation.Missions;
using Amani.Platform.Directories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>
/// What a submission post looks up before it reaches the intake queue, kept in memory: the mission by its code, and the
/// form version an app user's submission names (by mission, the app user's survey, form id and version). Any saved change
/// to a mission, survey, survey team, form or form version clears both at once (<see cref="SurveyFormChanges"/>), after
/// its commit, so a form or version closed on this node is refused from the next post on. An entry read while such a
/// change was being written is never kept (<see cref="Generation"/>). Another node of a cluster sees the change within
/// <see cref="Lifetime"/>. Unknown forms and versions are not cached (an import then works at once).
/// </summary>
public sealed class SubmissionTargetCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private sealed record Entry<T>(T Value, DateTimeOffset Until);

    private readonly ConcurrentDictionary<(Guid Mission, Guid? Survey, string Form, string Version), Entry<SubmissionTarget>> _targets = new();
    private readonly ConcurrentDictionary<string, Entry<MissionEntry>> _missions = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Changes with every clearing; read before a lookup, given back to <c>Keep*</c>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public SubmissionTarget? Target(Guid missionId, Guid? surveyId, string xmlFormId, string version) =>
        _targets.TryGetValue((missionId, surveyId, xmlFormId, version), out var entry) && entry.Until > clock.GetUtcNow() ? entry.Value : null;

    public void KeepTarget(long generation, Guid missionId, Guid? surveyId, string xmlFormId, string version, SubmissionTarget target) =>
        Keep(_targets, (missionId, surveyId, xmlFormId, version), target, generation);

    public MissionEntry? Mission(string code) =>
        _missions.TryGetValue(code, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Value : null;

    public void KeepMission(long generation, string code, MissionEntry mission) => Keep(_missions, code, mission, generation);

    /// <summary>Drops everything (a mission, survey, form or version changed).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _targets.Clear();
        _missions.Clear();
    }

    private void Keep<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> entries, TKey key, T value, long generation) where TKey : notnull
    {
        if (generation != Generation)
            return;
        if (entries.Count >= MaxEntries)
            entries.Clear();
        entries[key] = new Entry<T>(value, clock.GetUtcNow() + Lifetime);
        if (generation != Generation) // cleared meanwhile: what was read may be older than the change
            entries.TryRemove(key, out _);
    }
}

/// <summary>
/// Clears <see cref="SubmissionTargetCache"/> when a save touches a mission, survey, survey team, form or form version:
/// before the write and again once it is committed (after the save, or after the transaction it ran in).
/// </summary>
public sealed class SurveyFormChanges(SubmissionTargetCache cache) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Watched = [typeof(Mission), typeof(Survey), typeof(SurveyTeamMember), typeof(SurveyForm), typeof(FormVersion)];
    private readonly ConditionalWeakTable<DbContext, object> _touched = [];

    internal void Committed(DbContext? context)
    {
        if (context is not null && _touched.TryGetValue(context, out _))
        {
            _touched.Remove(context);
            cache.Clear();
        }
    }

    private void Saving(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && Watched.Contains(e.Metadata.ClrType)))
            return;
        _touched.AddOrUpdate(context, this);
        cache.Clear();
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_touched.TryGetValue(context, out _))
            return;
        cache.Clear();
        if (context.Database.CurrentTransaction is null)
            _touched.Remove(context);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Committed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>Clears <see cref="SubmissionTargetCache"/> once a transaction that saved a watched change commits or rolls back.</summary>
public sealed class SurveyFormCommits(SurveyFormChanges changes) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => changes.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        changes.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => changes.Committed(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        changes.Committed(eventData.Context);
        return Task.CompletedTask;
    }
}
