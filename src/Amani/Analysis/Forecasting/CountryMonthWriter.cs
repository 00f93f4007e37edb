using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Forecasting;

/// <summary>
/// Writes one batch of country-months in one transaction: loads the batch's existing rows in one query, inserts the
/// new keys, updates the rows whose values changed, skips the rest, and records one audit row for the batch (none when
/// the batch changes nothing, as nothing is committed).
/// </summary>
public sealed class CountryMonthWriter(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public readonly record struct Counts(long Inserted, long Updated, long Unchanged)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
    }

    public async Task<Counts> WriteAsync(IReadOnlyList<CountryMonth> batch, string description, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteOnceAsync(batch, description, cancellationToken);
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            // Another import of the same rows committed first: look them up again, and update instead of insert.
            db.DiscardChanges();
            return await WriteOnceAsync(batch, description, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Counts> WriteOnceAsync(IReadOnlyList<CountryMonth> batch, string description, CancellationToken cancellationToken)
    {
        var months = batch.Select(r => r.MonthId).Distinct().ToList();
        var countries = batch.Select(r => r.CountryId).Distinct().ToList();
        var existing = (await db.Set<CountryMonth>()
                .Where(m => months.Contains(m.MonthId) && countries.Contains(m.CountryId))
                .ToListAsync(cancellationToken))
            .ToDictionary(m => (m.CountryId, m.MonthId));
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        long inserted = 0, updated = 0;
        foreach (var row in batch)
        {
            if (!existing.TryGetValue((row.CountryId, row.MonthId), out var current))
            {
                row.UpdatedAt = now;
                db.Add(row);
                inserted++;
            }
            else if (!current.SameValuesAs(row))
            {
                current.CopyValuesFrom(row);
                current.UpdatedAt = now;
                updated++;
            }
        }
        var counts = new Counts(inserted, updated, batch.Count - inserted - updated);
        if (inserted == 0 && updated == 0)
            return counts;
        audit.Record(AuditAction.CountryMonthsImported, CountryMonth.AuditEntity, null,
            $"Imported ViEWS country-months ({description}): {inserted} inserted, {updated} updated, {counts.Unchanged} unchanged.");
        await db.SaveChangesAsync(cancellationToken);
        return counts;
    }
}
