using System.Reflection;
using System.Text.RegularExpressions;

namespace Amani.Platform.Access;

/// <summary>
/// Every role, permission and grant the platform and the modules declare, found by reflection once: the static,
/// parameterless members returning a <see cref="Role"/>, a <see cref="Permission"/> or a list of
/// <see cref="PermissionGrant"/>s, on <see cref="Role"/> itself and on every top-level static class (a module's
/// <c>XxxPermissions</c>; extension members compile to static methods of that class). A malformed name, one name
/// declared twice with different meanings, or a grant of something nobody declares stops the start.
/// </summary>
public static partial class AccessCatalog
{
    internal sealed record Declared(IReadOnlyList<Role> Roles, IReadOnlyList<Permission> Permissions, IReadOnlyDictionary<Role, IReadOnlySet<Permission>> Matrix)
    {
        /// <summary>The roles by their compacted name, any case (a stored role is looked up for every row read).</summary>
        public Dictionary<string, Role> RolesByName { get; } = Roles.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Permission> PermissionsByScope { get; } = Permissions.ToDictionary(p => p.Scope, StringComparer.Ordinal);
    }

    private static readonly Lazy<Declared> Found = new(() => Discover(typeof(Role).Assembly.GetTypes()
        .Where(t => t == typeof(Role) || (t.IsAbstract && t.IsSealed && !t.IsNested))));

    /// <summary>The roles, platform's first, then by module, in declaration order.</summary>
    public static IReadOnlyList<Role> Roles => Found.Value.Roles;

    public static IReadOnlyList<Permission> Permissions => Found.Value.Permissions;

    /// <summary>The declared role names, for messages: "Administrator, Analyst, …".</summary>
    public static string RoleNames => string.Join(", ", Roles.Select(r => r.Name));

    /// <summary>The declared role names as JSON writes them: "administrator, analyst, dutyOfficer, …".</summary>
    public static string RoleJsonNames => string.Join(", ", Roles.Select(r => r.JsonName));

    public static bool TryFindRole(string? text, out Role role) => Found.Value.RolesByName.TryGetValue(Compact(text), out role);

    public static bool TryFindPermission(string? scope, out Permission permission)
    {
        permission = default;
        return scope is not null && Found.Value.PermissionsByScope.TryGetValue(scope, out permission);
    }

    internal static IReadOnlySet<Permission> Of(Role role) =>
        Found.Value.Matrix.TryGetValue(role, out var granted) ? granted : new HashSet<Permission>();

    private static string Compact(string? text) => (text ?? "").Replace("-", "").Replace("_", "").Replace(" ", "");

    /// <summary>The declarations of <paramref name="declaring"/> (the platform's roles first, then by type name).</summary>
    internal static Declared Discover(IEnumerable<Type> declaring)
    {
        var roles = new List<Role>();
        var permissions = new List<Permission>();
        var grants = new List<PermissionGrant>();
        foreach (var type in declaring.OrderBy(t => t == typeof(Role) ? 0 : 1).ThenBy(t => t.FullName, StringComparer.Ordinal))
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).OrderBy(m => m.MetadataToken))
            {
                if (method.GetParameters().Length != 0 || !method.Name.StartsWith("get_", StringComparison.Ordinal))
                    continue;
                var member = $"{type.Name}.{method.Name["get_".Length..]}";
                if (method.ReturnType == typeof(Role))
                    Add(roles, (Role)method.Invoke(null, null)!, member);
                else if (method.ReturnType == typeof(Permission))
                    Add(permissions, (Permission)method.Invoke(null, null)!, member);
                else if (method.ReturnType.IsAssignableTo(typeof(IEnumerable<PermissionGrant>)))
                    grants.AddRange((IEnumerable<PermissionGrant>)method.Invoke(null, null)!);
            }
        var matrix = roles.ToDictionary(r => r, _ => new HashSet<Permission>());
        foreach (var grant in grants)
        {
            if (!permissions.Contains(grant.Permission))
                throw new InvalidOperationException($"A grant names the permission '{grant.Permission}', which no module declares.");
            foreach (var role in grant.Roles)
                if (!matrix.TryGetValue(role, out var granted))
                    throw new InvalidOperationException($"A grant of '{grant.Permission}' names the role '{role}', which no module declares.");
                else
                    granted.Add(grant.Permission);
        }
        return new Declared(roles, permissions, matrix.ToDictionary(p => p.Key, p => (IReadOnlySet<Permission>)p.Value));
    }

    private static void Add(List<Role> roles, Role role, string member)
    {
        if (!RoleName().IsMatch(role.Name) || role.Name != member.Split('.')[^1])
            throw new InvalidOperationException($"{member} declares the role '{role.Name}': a role's name is its member's name, PascalCase letters, at most 24.");
        if (string.IsNullOrWhiteSpace(role.English.One) || string.IsNullOrWhiteSpace(role.English.Many) ||
            string.IsNullOrWhiteSpace(role.French.One) || string.IsNullOrWhiteSpace(role.French.Many))
            throw new InvalidOperationException($"{member} declares the role '{role.Name}' without its words in English and French.");
        if (roles.FirstOrDefault(r => string.Equals(r.Name, role.Name, StringComparison.OrdinalIgnoreCase)) is { Name.Length: > 0 } other)
        {
            if (other.Name != role.Name || other.English != role.English || other.French != role.French || other.ForOrganization != role.ForOrganization)
                throw new InvalidOperationException($"The role '{role.Name}' is declared twice, differently ({member}).");
            return;
        }
        roles.Add(role);
    }

    private static void Add(List<Permission> permissions, Permission permission, string member)
    {
        if (!permission.IsWellFormed)
            throw new InvalidOperationException($"{member} declares the permission '{permission}': a scope is resource:action, lower case with hyphens.");
        var name = Regex.Replace(permission.Scope, "(^|[-:])([a-z0-9])", m => m.Groups[2].Value.ToUpperInvariant());
        if (name != member.Split('.')[^1])
            throw new InvalidOperationException($"{member} declares the permission '{permission}', whose member would be named {name}.");
        if (permissions.FirstOrDefault(p => p == permission) is { Scope.Length: > 0 } other)
        {
            if (other.PlatformWide != permission.PlatformWide)
                throw new InvalidOperationException($"The permission '{permission}' is declared twice, differently ({member}).");
            return;
        }
        permissions.Add(permission);
    }

    [GeneratedRegex("^[A-Z][A-Za-z]{0,23}$")]
    private static partial Regex RoleName();
}
