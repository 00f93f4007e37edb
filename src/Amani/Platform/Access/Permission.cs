namespace Amani.Platform.Access;

/// <summary>
/// What a role may do. A personal access token's scopes are permission names (<see cref="PermissionNames"/>), and a
/// token can only narrow what its user's roles allow.
/// </summary>
public enum Permission
{
    MissionsRead,
    MissionsManage,
    AreasRead,
    AreasManage,
    OrganizationsRead,
    OrganizationsManage,
    UsersManage,
    AuditRead,
    IncidentsRead,
    IncidentsRecord,
    IncidentsTriage,
    ReportsRead,
    ReportsTriage,
    ReportsRevealContact,
    AttachmentsOriginal,
    ImportsRun,
    AlertsRead,
    AlertsManage,
    AlertsRespond,
    [Scope("follow-ups:read")] FollowUpsRead,
    [Scope("follow-ups:update")] FollowUpsUpdate,
    [Scope("follow-ups:manage")] FollowUpsManage,
}

/// <summary>The scope name of a permission whose resource has more than one word (<c>follow-ups:read</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ScopeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

public static class PermissionNames
{
    private static readonly Dictionary<Permission, string> Names = Enum.GetValues<Permission>().ToDictionary(p => p, ToScope);
    private static readonly Dictionary<string, Permission> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => ByName.Keys;

    /// <summary><c>MissionsRead</c> → <c>missions:read</c>, <c>ReportsRevealContact</c> → <c>reports:reveal-contact</c>.</summary>
    public static string Name(this Permission permission) => Names[permission];

    public static bool TryParse(string scope, out Permission permission) => ByName.TryGetValue(scope, out permission);

    private static string ToScope(Permission permission)
    {
        if (typeof(Permission).GetField(permission.ToString())!.GetCustomAttributes(typeof(ScopeAttribute), false) is [ScopeAttribute named])
            return named.Name;
        var text = permission.ToString();
        var split = 1;
        while (split < text.Length && !char.IsUpper(text[split]))
            split++;
        var rest = System.Text.RegularExpressions.Regex.Replace(text[split..], "(?<=[a-z])(?=[A-Z])", "-");
        return $"{text[..split].ToLowerInvariant()}:{rest.ToLowerInvariant()}";
    }
}
