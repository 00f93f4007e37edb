using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>The category lists of a mission (the built-in <c>sex</c> and <c>age</c>, then the mission's own) and those an indicator uses.</summary>
public static class CategoryLists
{
    public static async Task<IReadOnlyDictionary<string, CategoryListEntry>> OfMissionAsync(AmaniDbContext db, Guid missionId, CancellationToken cancellationToken)
    {
        var lists = Disaggregation.BuiltIn.ToDictionary(l => l.Code, StringComparer.Ordinal);
        foreach (var list in await db.Set<CategoryList>().AsNoTracking().Where(l => l.MissionId == missionId).ToListAsync(cancellationToken))
            lists[list.Code] = new CategoryListEntry(list.Code, list.Name, Disaggregation.ParseOptions(list.Options));
        return lists;
    }

    /// <summary>The lists <paramref name="indicator"/> is split by, in its order (unknown codes are skipped: the indicator rules refuse them).</summary>
    public static IReadOnlyList<CategoryListEntry> Of(Indicator indicator, IReadOnlyDictionary<string, CategoryListEntry> lists) =>
        Codes(indicator.Disaggregations).Where(lists.ContainsKey).Select(c => lists[c]).ToList();

    public static IReadOnlyList<string> Codes(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
