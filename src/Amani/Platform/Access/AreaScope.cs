using System.Linq.Expressions;

namespace Amani.Platform.Access;

/// <summary>
/// Where in a mission a caller may use a permission (<see cref="AccessContext.AreaScopeAsync"/>): the whole mission, or a
/// set of areas — those their roles are scoped to and every area below them. A record outside the scope is treated as
/// one that does not exist (404), and lists, exports, maps and counts leave it out. A record without an area (recorded
/// outside every boundary of the mission) is in the whole mission's scope only.
/// </summary>
public sealed class AreaScope
{
    public static AreaScope WholeMission { get; } = new(null);

    /// <summary>No area at all: for a caller who holds the permission nowhere in the mission.</summary>
    public static AreaScope Nowhere { get; } = new(new HashSet<Guid>());

    public AreaScope(IReadOnlySet<Guid>? areas) => Areas = areas;

    /// <summary>The areas in scope; null for the whole mission.</summary>
    public IReadOnlySet<Guid>? Areas { get; }

    public bool IsWholeMission => Areas is null;

    public bool Covers(Guid? areaId) => Areas is null || (areaId is { } id && Areas.Contains(id));

    /// <summary>The areas as a list, for a query's <c>Contains</c>; null for the whole mission.</summary>
    public List<Guid>? AreaList => Areas?.ToList();

    /// <summary>
    /// The records of <paramref name="records"/> whose area (<paramref name="area"/>) is in scope — all of them for the
    /// whole mission. Translated to SQL; the areas are one parameter.
    /// </summary>
    public IQueryable<T> Filter<T>(IQueryable<T> records, Expression<Func<T, Guid?>> area)
    {
        if (Areas is null)
            return records;
        var holder = Expression.Property(Expression.Constant(new Holder(Areas.ToList())), nameof(Holder.Items));
        var inScope = Expression.AndAlso(
            Expression.NotEqual(area.Body, Expression.Constant(null, typeof(Guid?))),
            Expression.Call(holder, typeof(List<Guid>).GetMethod(nameof(List<Guid>.Contains))!, Expression.Property(area.Body, nameof(Nullable<Guid>.Value))));
        return records.Where(Expression.Lambda<Func<T, bool>>(inScope, area.Parameters));
    }

    /// <summary>Holds the areas so that EF Core sends them as a parameter, not as constants in the SQL.</summary>
    private sealed record Holder(List<Guid> Items);
}
