using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Amani.Foundation.Missions;
using Amani.Register.Incidents;
using Xunit;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// Roles and permissions are declared by modules, found by reflection: a module's own role and permission join the
/// platform's, a module can grant another module's permission to its role, and a declaration that would make the
/// matrix ambiguous stops the start.
/// </summary>
public sealed class AccessCatalogTests
{
    private static readonly Type[] Platform = typeof(Role).Assembly.GetTypes().Where(t => t == typeof(Role) || (t.IsAbstract && t.IsSealed && !t.IsNested)).ToArray();

    [Fact]
    public void A_module_declares_its_role_and_permission_and_grants_them_without_editing_the_platform()
    {
        var declared = AccessCatalog.Discover([.. Platform, typeof(WardenPermissions)]);

        Assert.Equal([Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner], declared.Roles.Take(5));
        Assert.Contains(Role.Warden, declared.Roles);
        Assert.Contains(Permission.CellsRead, declared.Permissions);
        Assert.Equal([Permission.CellsRead, Permission.IncidentsRead], declared.Matrix[Role.Warden].OrderBy(p => p.Scope));
        Assert.Contains(Permission.CellsRead, declared.Matrix[Role.Analyst]);
        Assert.DoesNotContain(Permission.CellsRead, declared.Matrix[Role.Partner]);
        Assert.Equal(AccessCatalog.Roles.Count + 1, declared.Roles.Count);
        Assert.Equal(AccessCatalog.Permissions.Count + 1, declared.Permissions.Count);
    }

    [Theory]
    [InlineData(typeof(MisnamedRole), "declares the role 'Jailer'")]
    [InlineData(typeof(RoleWithoutWords), "without its words in English and French")]
    [InlineData(typeof(RoleDeclaredTwiceDifferently), "The role 'Analyst' is declared twice, differently")]
    [InlineData(typeof(MalformedScope), "a scope is resource:action")]
    [InlineData(typeof(ScopeOfAnotherName), "whose member would be named CellsRead")]
    [InlineData(typeof(GrantOfAnUndeclaredPermission), "names the permission 'cells:burn', which no module declares")]
    [InlineData(typeof(GrantToAnUndeclaredRole), "names the role 'Ghost', which no module declares")]
    public void A_declaration_that_would_make_the_matrix_ambiguous_stops_the_start(Type declaring, string message)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AccessCatalog.Discover([.. Platform, declaring]));
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void The_platform_as_built_declares_every_permission_once_and_grants_each_to_some_role()
    {
        Assert.Equal(AccessCatalog.Permissions.Count, AccessCatalog.Permissions.Select(p => p.Scope).Distinct().Count());
        Assert.All(AccessCatalog.Permissions, p => Assert.NotEmpty(RolePermissions.Holding(p)));
        Assert.All(AccessCatalog.Roles, r => Assert.Contains(Permission.MissionsRead, RolePermissions.Of(r)));
        Assert.True(Role.Partner.ForOrganization);
        Assert.DoesNotContain(AccessCatalog.Roles, r => r != Role.Partner && r.ForOrganization);
    }

    [Theory]
    [InlineData("DutyOfficer")]
    [InlineData("dutyOfficer")]
    [InlineData("duty-officer")]
    [InlineData("duty_officer")]
    [InlineData("Duty Officer")]
    public void A_role_name_is_read_leniently(string text)
    {
        Assert.True(Role.TryParse(text, out var role));
        Assert.Equal(Role.DutyOfficer, role);
        Assert.Equal("officiers de permanence", role.Many(new System.Globalization.CultureInfo("fr")));
        Assert.Equal("Duty officer", role.Label(new System.Globalization.CultureInfo("en")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("Overlord")]
    [InlineData("Duty Officers")]
    public void Anything_else_is_not_a_role(string text) => Assert.False(Role.TryParse(text, out _));

    [Fact]
    public void Roles_are_camelCase_names_in_JSON_and_an_unknown_one_names_the_roles()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Configure(options);
        Assert.Equal("\"dutyOfficer\"", JsonSerializer.Serialize(Role.DutyOfficer, options));
        Assert.Equal(Role.FieldOfficer, JsonSerializer.Deserialize<Role>("\"fieldOfficer\"", options));
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Role[]>("[\"analyst\", \"overlord\"]", options));
        Assert.Contains("'overlord' is not a role (administrator, analyst, dutyOfficer, fieldOfficer, partner, planningOfficer)", refused.Message);
    }

    [Fact]
    public void A_stored_role_no_module_declares_any_more_holds_nothing()
    {
        var gone = Role.FromStored("Retired");
        Assert.Equal("Retired", gone.Name);
        Assert.Empty(RolePermissions.Of(gone));
        Assert.True(gone.ForOrganization);
    }
}

public static class WardenPermissions
{
    extension(Role)
    {
        public static Role Warden => new("Warden", new("warden", "wardens"), new("gardien", "gardiens"));
    }

    extension(Permission)
    {
        public static Permission CellsRead => new("cells:read");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.CellsRead, Role.Warden, Role.Analyst),
        PermissionGrant.To(Permission.IncidentsRead, Role.Warden),
    ];
}

public static class MisnamedRole
{
    public static Role Warden => new("Jailer", new("jailer", "jailers"), new("geôlier", "geôliers"));
}

public static class RoleWithoutWords
{
    public static Role Warden => new("Warden", new("warden", "wardens"), new("", ""));
}

public static class RoleDeclaredTwiceDifferently
{
    public static Role Analyst => new("Analyst", new("analyst", "analysts"), new("analyste", "analystes"), forOrganization: true);
}

public static class MalformedScope
{
    public static Permission CellsRead => new("Cells.Read");
}

public static class ScopeOfAnotherName
{
    public static Permission CellsWrite => new("cells:read");
}

public static class GrantOfAnUndeclaredPermission
{
    public static IEnumerable<PermissionGrant> Grants => [PermissionGrant.To(new Permission("cells:burn"), Role.Analyst)];
}

public static class GrantToAnUndeclaredRole
{
    public static IEnumerable<PermissionGrant> Grants =>
        [PermissionGrant.To(Permission.IncidentsRead, new Role("Ghost", new("ghost", "ghosts"), new("fantôme", "fantômes")))];
}
