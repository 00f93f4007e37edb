using System.Security.Claims;
using Amani.Platform.Directories;

namespace Amani.Platform.Access;

/// <summary>
/// What the caller of the current request may do: their role assignments (read from the database once per request,
/// so a revoked role takes effect at once on every node) intersected with the scopes of the token they used.
/// </summary>
public sealed class AccessContext(IHttpContextAccessor http, IPeopleDirectory people, IAreaDirectory areas)
{
    public const string TokenIdClaim = "amani:token_id";
    public const string ScopesClaim = "amani:scopes";

    private IReadOnlyList<RoleGrant>? _assignments;
    private bool? _locked;

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => UserId is not null;

    public Guid? UserId =>
        Principal.Identity?.IsAuthenticated == true && Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    public Guid? TokenId => Guid.TryParse(Principal.FindFirstValue(TokenIdClaim), out var id) ? id : null;

    /// <summary>The token's scopes, or null when the caller signed in with a password (no narrowing).</summary>
    public IReadOnlySet<string>? TokenScopes =>
        Principal.FindFirstValue(ScopesClaim) is { } scopes ? scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null;

    public bool TokenAllows(Permission permission) => TokenScopes?.Contains(permission.Name()) ?? true;

    /// <summary>True when the signed-in user's account is locked (or gone): such a caller holds no permission at all.</summary>
    public async Task<bool> IsLockedOutAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        if (_locked is not null || UserId is not { } userId)
            return _locked ?? false;
        var (exists, lockoutEnd) = await people.AccountAsync(userId, cancellationToken);
        return (_locked = !exists || lockoutEnd > clock.GetUtcNow()).Value;
    }

    public async Task<IReadOnlyList<RoleGrant>> AssignmentsAsync(CancellationToken cancellationToken)
    {
        if (_assignments is not null)
            return _assignments;
        if (UserId is not { } userId || _locked == true)
            return _assignments = [];
        return _assignments = await people.AssignmentsAsync(userId, cancellationToken);
    }

    /// <summary>True if some role of the caller grants <paramref name="permission"/> in some scope (and the token allows it).</summary>
    public async Task<bool> HasAnywhereAsync(Permission permission, CancellationToken cancellationToken) =>
        TokenAllows(permission) && (await AssignmentsAsync(cancellationToken)).Any(a => Grants(a, permission));

    /// <summary>
    /// True if the caller holds <paramref name="permission"/> for <paramref name="missionId"/>, or platform-wide when
    /// <paramref name="missionId"/> is null.
    /// </summary>
    public async Task<bool> HasAsync(Permission permission, Guid? missionId, CancellationToken cancellationToken) =>
        TokenAllows(permission) && (await AssignmentsAsync(cancellationToken))
            .Any(a => Grants(a, permission) && (a.MissionId is null || (missionId is not null && a.MissionId == missionId)));

    /// <summary>The missions the caller may see with <paramref name="permission"/>; null means all of them.</summary>
    public async Task<IReadOnlySet<Guid>?> MissionsWithAsync(Permission permission, CancellationToken cancellationToken)
    {
        if (!TokenAllows(permission))
            return new HashSet<Guid>();
        var granting = (await AssignmentsAsync(cancellationToken)).Where(a => Grants(a, permission)).ToList();
        return granting.Any(a => a.MissionId is null) ? null : granting.Select(a => a.MissionId!.Value).ToHashSet();
    }

    /// <summary>
    /// Where in <paramref name="missionId"/> the caller holds <paramref name="permission"/>: the whole mission when a role
    /// granting it is not limited to an area, else the areas its roles are scoped to and every area below them; null when
    /// they hold it nowhere there. The one place a role's area scope is decided: every record type filters by it.
    /// </summary>
    public async Task<AreaScope?> AreaScopeAsync(Guid missionId, Permission permission, CancellationToken cancellationToken)
    {
        var key = (missionId, permission);
        if (_scopes.TryGetValue(key, out var known))
            return known;
        AreaScope? scope = null;
        if (TokenAllows(permission))
        {
            var granting = (await AssignmentsAsync(cancellationToken))
                .Where(a => (a.MissionId is null || a.MissionId == missionId) && Grants(a, permission)).ToList();
            if (granting.Any(a => a.AreaId is null))
                scope = AreaScope.WholeMission;
            else if (granting.Count > 0)
                scope = new AreaScope(await areas.SubtreeAsync(granting.Select(a => a.AreaId!.Value), cancellationToken));
        }
        return _scopes[key] = scope;
    }

    private readonly Dictionary<(Guid, Permission), AreaScope?> _scopes = [];

    private static bool Grants(RoleGrant assignment, Permission permission) =>
        RolePermissions.Grants(assignment.Role, permission) &&
        (assignment.MissionId is null || !RolePermissions.IsPlatformWide(permission));
}
