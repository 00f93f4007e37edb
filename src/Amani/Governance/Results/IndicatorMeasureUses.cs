using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>The indicators computed from a measure (<see cref="IMeasureUses"/>): those whose <see cref="Indicator.MeasureKey"/> is it.</summary>
internal sealed class IndicatorMeasureUses(AmaniDbContext db) : IMeasureUses
{
    public async Task<IReadOnlyList<string>> IndicatorsUsingAsync(string key, CancellationToken cancellationToken = default) =>
        await db.Set<Indicator>().AsNoTracking().Where(i => i.MeasureKey == key).OrderBy(i => i.Code).Select(i => i.Code).ToListAsync(cancellationToken);
}
