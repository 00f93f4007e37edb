using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Platform.Data;

/// <summary>
/// Declares, in a module's entity configuration, what is bookkeeping rather than a state change of the product, and so
/// may be saved without an audit row (<see cref="UnauditedChanges"/>): a whole entity (derived-data markers, the Data
/// Protection key ring) or single properties (a token's last use, a user's lockout counters).
/// </summary>
public static class Bookkeeping
{
    private const string Annotation = "Amani:Bookkeeping";
    private const string RuleAnnotation = "Amani:BookkeepingWhen";

    /// <summary>Every change to rows of this entity is bookkeeping.</summary>
    public static EntityTypeBuilder<T> IsBookkeeping<T>(this EntityTypeBuilder<T> entity) where T : class
    {
        entity.HasAnnotation(Annotation, true);
        return entity;
    }

    /// <summary>A change of this property alone is bookkeeping (an update that changes only such properties needs no audit row).</summary>
    public static PropertyBuilder<T> IsBookkeeping<T>(this PropertyBuilder<T> property)
    {
        property.HasAnnotation(Annotation, true);
        return property;
    }

    /// <summary>
    /// Changes to rows of this entity are bookkeeping when <paramref name="rule"/> says so — for rules that depend on the
    /// row or its state (an outbox row of a notification, but not of a reply to a reporter).
    /// </summary>
    public static EntityTypeBuilder<T> IsBookkeepingWhen<T>(this EntityTypeBuilder<T> entity, Func<EntityEntry, bool> rule) where T : class
    {
        entity.HasAnnotation(RuleAnnotation, rule);
        return entity;
    }

    internal static bool When(EntityEntry entry) => entry.Metadata.FindAnnotation(RuleAnnotation)?.Value is Func<EntityEntry, bool> rule && rule(entry);

    internal static bool Of(IReadOnlyAnnotatable item) => item.FindAnnotation(Annotation)?.Value is true;
}
