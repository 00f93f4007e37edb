using System.Reflection;

namespace Amani.Platform.Audit;

/// <summary>
/// An audited action: a stable numeric code (stored in the hash-chained log) and its name. Codes come in blocks of 100
/// per module. Each module declares its own in an <c>XxxAudit</c> class that adds them to this type
/// (<c>extension(AuditAction) { public static AuditAction AlertRaised => new(2503, "AlertRaised"); }</c>), so a
/// new module adds codes without editing a central file and writers still say <c>AuditAction.AlertRaised</c>.
/// Never renumber or reuse a code; <see cref="AuditActions"/> refuses a code declared twice at start-up.
/// </summary>
public readonly record struct AuditAction(int Code, string Name)
{
    /// <summary>The platform's own: the database schema was migrated.</summary>
    public static AuditAction SchemaMigrated => new(1000, "SchemaMigrated");

    public static explicit operator int(AuditAction action) => action.Code;

    public override string ToString() => Name;
}

/// <summary>Every audit code the platform and the modules declare (found by reflection once), by code.</summary>
public static class AuditActions
{
    private static readonly Lazy<IReadOnlyDictionary<int, AuditAction>> ByCode = new(Discover);

    public static IReadOnlyCollection<AuditAction> All => ByCode.Value.Values.ToList();

    /// <summary>The action's name for a stored code; "Unknown" for a code no module declares (any more).</summary>
    public static string NameOf(int code) => ByCode.Value.TryGetValue(code, out var action) ? action.Name : "Unknown";

    /// <summary>
    /// The static, parameterless members returning an <see cref="AuditAction"/> of the platform and of every module's
    /// <c>XxxAudit</c> class (extension members compile to static methods of that class). Two declarations of one code, or
    /// a name that is not its member's, stop the start.
    /// </summary>
    private static IReadOnlyDictionary<int, AuditAction> Discover()
    {
        var found = new Dictionary<int, AuditAction>();
        foreach (var type in typeof(AuditAction).Assembly.GetTypes().Where(t => t == typeof(AuditAction) || (t.IsAbstract && t.IsSealed && !t.IsNested)))
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.ReturnType != typeof(AuditAction) || method.GetParameters().Length != 0 || !method.Name.StartsWith("get_", StringComparison.Ordinal))
                    continue;
                var action = (AuditAction)method.Invoke(null, null)!;
                if (action.Name != method.Name["get_".Length..])
                    throw new InvalidOperationException($"{type.Name}.{method.Name[4..]} declares the audit code {action.Code} under the name {action.Name}.");
                if (found.TryGetValue(action.Code, out var other) && other != action)
                    throw new InvalidOperationException($"The audit code {action.Code} is declared twice: {other.Name} and {action.Name}.");
                found[action.Code] = action;
            }
        return found;
    }
}
