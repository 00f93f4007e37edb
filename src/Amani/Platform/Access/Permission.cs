using System.Text.RegularExpressions;

namespace Amani.Platform.Access;

/// <summary>
/// What a role may do, named by its scope (<c>incidents:read</c>, <c>follow-ups:manage</c>): a personal access token's
/// scopes are these names, and a token can only narrow what its user's roles allow. Each module declares its own
/// permissions, and which roles hold them, in its <c>XxxPermissions</c> class
/// (<c>extension(Permission) { public static Permission IncidentsRead => new("incidents:read"); }</c> and a
/// <see cref="PermissionGrant"/> list); <see cref="AccessCatalog"/> finds them. Two permissions are the same when their
/// scopes are.
/// </summary>
public readonly partial struct Permission : IEquatable<Permission>
{
    /// <param name="scope"><c>resource:action</c>, lower case with hyphens.</param>
    /// <param name="platformWide">
    /// Only a global assignment (one without a mission) exercises it: it concerns the whole platform, not one mission.
    /// </param>
    public Permission(string scope, bool platformWide = false) => (_scope, PlatformWide) = (scope, platformWide);

    private readonly string? _scope;

    public string Scope => _scope ?? "";

    public bool PlatformWide { get; }

    /// <summary>
    /// A permission another module declares, by its scope — the public name tokens carry — for code that must not
    /// depend on that module (the platform's live feed needs <c>missions:read</c>). A scope nobody declares throws.
    /// </summary>
    public static Permission Named(string scope) => PermissionNames.TryParse(scope, out var permission)
        ? permission
        : throw new InvalidOperationException($"No module declares the permission '{scope}'.");

    internal bool IsWellFormed => ScopeShape().IsMatch(Scope);

    public bool Equals(Permission other) => string.Equals(Scope, other.Scope, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Permission other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Scope);

    public static bool operator ==(Permission left, Permission right) => left.Equals(right);

    public static bool operator !=(Permission left, Permission right) => !left.Equals(right);

    public override string ToString() => Scope;

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*:[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ScopeShape();
}

/// <summary>Which roles hold a permission. A module declares its grants (of its own permissions, or of others' to its own roles) in a static property.</summary>
public sealed record PermissionGrant(Permission Permission, IReadOnlyList<Role> Roles)
{
    public static PermissionGrant To(Permission permission, params Role[] roles) => new(permission, roles);
}

/// <summary>Scope names of permissions, the words tokens are made of.</summary>
public static class PermissionNames
{
    public static IReadOnlyCollection<string> All => AccessCatalog.Permissions.Select(p => p.Scope).ToList();

    /// <summary>The scope name: <c>incidents:read</c>, <c>reports:reveal-contact</c>.</summary>
    public static string Name(this Permission permission) => permission.Scope;

    public static bool TryParse(string scope, out Permission permission) => AccessCatalog.TryFindPermission(scope, out permission);
}
