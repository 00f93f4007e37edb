using System.Globalization;
using Amani.Foundation.Missions;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>Finding an indicator the caller may read (else 404: existence is not told), and showing it whole.</summary>
public sealed class IndicatorDetails(AmaniDbContext db, ResultsAccess results, IndicatorViews views, IPeopleDirectory people)
{
    /// <summary>The most values one request lists (five years of months for 300 areas and a split in two).</summary>
    public const int MaxValues = 40_000;

    public async Task<(Mission, Indicator)?> FindReadableAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var missionId = await db.Set<Indicator>().Where(i => i.Id == id).Select(i => (Guid?)i.MissionId).FirstOrDefaultAsync(cancellationToken);
        if (missionId is null)
            return null;
        var readable = (await results.ReadableAsync(missionId.Value, cancellationToken)).Where(i => i.Id == id);
        var indicator = await (tracked ? readable : readable.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return indicator is null ? null : (await db.Set<Mission>().AsNoTracking().FirstAsync(m => m.Id == missionId, cancellationToken), indicator);
    }

    public async Task<IndicatorResponse> OfAsync(Indicator i, CancellationToken cancellationToken)
    {
        var targets = await db.Set<IndicatorTarget>().AsNoTracking().Where(t => t.IndicatorId == i.Id).OrderBy(t => t.Kind).ThenBy(t => t.PeriodStart)
            .ThenBy(t => t.AreaCode).Select(t => new TargetResponse(t.Kind, t.Period, t.AreaCode, t.Value)).ToListAsync(cancellationToken);
        var approved = await db.Set<PeriodApproval>().AsNoTracking().Where(a => a.IndicatorId == i.Id).OrderBy(a => a.Period).Select(a => a.Period)
            .ToListAsync(cancellationToken);
        var reporters = await db.Set<IndicatorReporter>().AsNoTracking().Where(r => r.IndicatorId == i.Id).Select(r => r.OrganizationId).ToListAsync(cancellationToken);
        var owner = i.OwnerUserId is { } ownerId && (await people.FindAsync([ownerId], cancellationToken)).TryGetValue(ownerId, out var person) ? person.DisplayName : null;
        var measure = i.MeasureKey is null ? null : new MeasureChoice(i.MeasureKey, IndicatorViews.Arguments(i), CategoryLists.Codes(i.MeasureGroups));
        return new IndicatorResponse(i.Id, i.Code, i.Name, i.NameFr, i.Definition, i.Unit, i.Type, i.Factor, i.AllowOver100, i.Direction, i.Frequency, i.AreaLevel,
            CategoryLists.Codes(i.Disaggregations), i.DataSource, i.OwnerUserId, owner, i.Public, i.Computed, measure, views.Formula(i, CultureInfo.CurrentUICulture),
            reporters, targets, approved, i.ComputedAt, i.Version);
    }

    /// <summary>The indicator's values, by period then area then disaggregation, within the periods and area given; who entered each, by name.</summary>
    public async Task<IReadOnlyList<ValueResponse>> ValuesAsync(Indicator indicator, DateOnly? from, DateOnly? until, string? area, CancellationToken cancellationToken)
    {
        var query = db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == indicator.Id);
        if (from is { } start)
            query = query.Where(v => v.PeriodStart >= start);
        if (until is { } end)
            query = query.Where(v => v.PeriodStart < end);
        if (area is not null)
            query = query.Where(v => v.AreaCode == area.Trim());
        var values = await query.OrderBy(v => v.PeriodStart).ThenBy(v => v.AreaCode).ThenBy(v => v.Disaggregation).Take(MaxValues).ToListAsync(cancellationToken);
        var approved = (await db.Set<PeriodApproval>().AsNoTracking().Where(a => a.IndicatorId == indicator.Id).Select(a => a.Period).ToListAsync(cancellationToken)).ToHashSet();
        var names = await people.FindAsync(values.Where(v => v.EnteredByUserId is not null).Select(v => v.EnteredByUserId!.Value).Distinct(), cancellationToken);
        return values.Select(v => IndicatorViews.View(v, v.EnteredByUserId is { } by && names.TryGetValue(by, out var who) ? who.DisplayName : null,
            approved.Contains(v.Period))).ToList();
    }
}
