using Amani.Platform.Data;

namespace Amani.Analysis.Aggregates;

/// <summary>The unit of analysis: the country, admin areas of level 1 or 2, or PRIO-GRID cells.</summary>
public enum UnitKind { Country, Admin1, Admin2, Cell }

/// <summary>
/// The query string shared by the aggregate and hot-spot endpoints, checked: the unit, the months from…to
/// ("YYYY-MM", inclusive; absent: the mission's first or last month with data), and the violence types (comma-separated;
/// absent: all).
/// </summary>
public sealed record AnalysisQuery(UnitKind Unit, int? From, int? To, IReadOnlyList<ViolenceType> Violence)
{
    public const int MaxSpaceTimeMonths = 240;

    public int? AreaLevel => Unit switch { UnitKind.Country => 0, UnitKind.Admin1 => 1, UnitKind.Admin2 => 2, _ => null };

    public static string UnitName(UnitKind unit) => unit.ToString().ToLowerInvariant();

    public static Result<AnalysisQuery> Parse(string? unit, string? from, string? to, string? violence, IReadOnlyList<UnitKind> units)
    {
        var allowed = string.Join(", ", units.Select(UnitName));
        var kind = units.Where(u => UnitName(u) == unit?.Trim().ToLowerInvariant()).Select(u => (UnitKind?)u).FirstOrDefault();
        if (kind is null)
            return Result<AnalysisQuery>.Invalid("unit", string.IsNullOrWhiteSpace(unit)
                ? $"Give the unit of analysis: one of {allowed}."
                : $"'{unit}' is not a unit of analysis here; give one of {allowed}.");
        int? first = null, last = null;
        if (!string.IsNullOrWhiteSpace(from) && !MonthIds.TryParse(from.Trim(), out first))
            return Result<AnalysisQuery>.Invalid("from", $"'{from}' is not a month; write it as YYYY-MM, e.g. 2016-01.");
        if (!string.IsNullOrWhiteSpace(to) && !MonthIds.TryParse(to.Trim(), out last))
            return Result<AnalysisQuery>.Invalid("to", $"'{to}' is not a month; write it as YYYY-MM, e.g. 2019-12.");
        if (first > last)
            return Result<AnalysisQuery>.Invalid("to", $"The month 'to' ({to}) is before 'from' ({from}).");
        var types = new List<ViolenceType>();
        foreach (var name in (violence ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var type = Enum.GetValues<ViolenceType>().Where(t => string.Equals(ViolenceTypes.ApiName(t), name, StringComparison.OrdinalIgnoreCase))
                .Select(t => (ViolenceType?)t).FirstOrDefault();
            if (type is null)
                return Result<AnalysisQuery>.Invalid("violence",
                    $"'{name}' is not a violence type; give one or more of {string.Join(", ", ViolenceTypes.ApiNames)}, separated by commas.");
            if (!types.Contains(type.Value))
                types.Add(type.Value);
        }
        return Result<AnalysisQuery>.Ok(new AnalysisQuery(kind.Value, first, last, types.Count == 0 ? Enum.GetValues<ViolenceType>() : types));
    }
}
