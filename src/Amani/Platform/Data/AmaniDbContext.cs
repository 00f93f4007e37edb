using Amani.Platform.Audit;
using Amani.Platform.DataProtection;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Data;

/// <summary>
/// The one EF Core model, for SQLite and PostgreSQL alike. Saving a change also seals its queued audit rows into the
/// hash chain in the same transaction, and saving an unaudited change is refused (see <see cref="UnauditedChanges"/>).
/// It names no module: each module's entities come from its <c>IEntityTypeConfiguration</c> classes, its tables from
/// extension properties in the module (<c>db.Incidents</c>), and its work inside saves from <see cref="ISaveParticipant"/>.
/// </summary>
public sealed class AmaniDbContext(DbContextOptions<AmaniDbContext> options, IEnumerable<ISaveParticipant>? participants = null)
    : IdentityUserContext<AmaniUser, Guid>(options)
{
    private readonly ISaveParticipant[] _participants = participants?.ToArray() ?? [];

    /// <summary>The key audit rows are sealed and verified with (from the options, see <see cref="DatabaseTarget.AuditKey"/>).</summary>
    internal AuditChainKey? AuditKey { get; } = AuditChainKeyOption.Of(options);

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder) => ModelConventions.Configure(builder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AmaniDbContext).Assembly);
        ModelConventions.Apply(builder);
    }

    private readonly List<AuditEntry> _pendingAudit = [];

    /// <summary>What the modules do inside every save (<see cref="ISaveParticipant"/>).</summary>
    private void Participate()
    {
        foreach (var participant in _participants)
            participant.Saving(this);
    }

    /// <summary>Queues an audit row; it gets its place in the chain when the change it describes is saved.</summary>
    internal void QueueAudit(AuditEntry entry) => _pendingAudit.Add(entry);

    /// <summary>Forgets every unsaved change, queued audit rows included (after a rule rejected the operation).</summary>
    public void DiscardChanges()
    {
        ChangeTracker.Clear();
        _pendingAudit.Clear();
    }

    /// <summary>Synchronous saves (the Data Protection key ring uses them) take the same path.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Participate();
        if (_pendingAudit.Count > 0)
            return SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
        UnauditedChanges.ThrowIfAny(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Participate(); // e.g. stale aggregate slices are marked in the same transaction as the change
        if (_pendingAudit.Count == 0)
        {
            UnauditedChanges.ThrowIfAny(ChangeTracker);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = _pendingAudit.ToList();
        _pendingAudit.Clear();
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = false;
        try
        {
            await AuditChain.SealAsync(this, pending, cancellationToken);
            AuditEntries.AddRange(pending);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            saved = true;
            return written;
        }
        finally
        {
            if (!saved)
            {
                // Nothing was written: put the rows back in the queue so that a retry seals them afresh.
                foreach (var entry in pending)
                    Entry(entry).State = EntityState.Detached;
                _pendingAudit.InsertRange(0, pending);
            }
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }
}
