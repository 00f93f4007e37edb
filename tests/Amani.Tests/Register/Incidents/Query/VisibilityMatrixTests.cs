using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Register.Incidents.Query;

/// <summary>
/// Who sees which incident: confidentiality × caller, on the list and the detail endpoint (404 when not visible) and
/// on the anonymous public list. Administrators are deliberately not implicitly granted restricted incidents.
/// </summary>
public sealed class VisibilityMatrixTests
{
    public enum Kind { Public, Mission, RestrictedToOrganization, RestrictedToRole }

    public enum Caller { Administrator, Analyst, DutyOfficer, FieldOfficer, GrantedPartner, OtherPartner, Anonymous }

    /// <summary>The specification: which caller sees which kind (restricted-to-role names the Analyst role).</summary>
    private static readonly Dictionary<Kind, Caller[]> Sees = new()
    {
        [Kind.Public] = [Caller.Administrator, Caller.Analyst, Caller.DutyOfficer, Caller.FieldOfficer, Caller.GrantedPartner, Caller.OtherPartner, Caller.Anonymous],
        [Kind.Mission] = [Caller.Administrator, Caller.Analyst, Caller.DutyOfficer, Caller.FieldOfficer],
        [Kind.RestrictedToOrganization] = [Caller.GrantedPartner],
        [Kind.RestrictedToRole] = [Caller.Analyst],
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_caller_sees_exactly_what_the_matrix_allows_on_list_and_detail(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var granted = await Fixtures.OrganizationAsync(app, "Granted NGO");
        var other = await Fixtures.OrganizationAsync(app, "Other NGO");
        // Recorded by a separate duty officer: whoever records an incident always sees it.
        var recorder = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var at = app.Clock.GetUtcNow().AddHours(-1);
        object Body(Kind kind) => new
        {
            source = "patrol", categoryCode = "battles", occurredAt = at, description = $"Visibility {kind}", descriptionPublic = true,
            confidentiality = kind switch { Kind.Public => "public", Kind.Mission => "mission", _ => "restricted" },
            restrictedToOrganizations = kind == Kind.RestrictedToOrganization ? new[] { granted } : null,
            restrictedToRoles = kind == Kind.RestrictedToRole ? new[] { "analyst" } : null,
        };
        var incidents = new Dictionary<Kind, Guid>();
        foreach (var kind in Enum.GetValues<Kind>())
            incidents[kind] = await Fixtures.RecordAsync(recorder, Body(kind));

        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Administrator] = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator)),
            [Caller.Analyst] = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code)),
            [Caller.DutyOfficer] = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code)),
            [Caller.FieldOfficer] = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code)),
            [Caller.GrantedPartner] = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, granted)),
            [Caller.OtherPartner] = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, other)),
            [Caller.Anonymous] = app.CreateClient(),
        };

        var mismatches = new List<string>();
        foreach (var (caller, client) in clients)
        {
            var listUrl = caller == Caller.Anonymous ? $"/api/v1/public/missions/{TestMission.Code}/incidents" : $"/api/v1/missions/{TestMission.Code}/incidents";
            var listed = (await client.GetFromJsonAsync<JsonElement>(listUrl)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            foreach (var (kind, id) in incidents)
            {
                var expected = Sees[kind].Contains(caller);
                if (listed.Contains(id) != expected)
                    mismatches.Add($"{caller} × {kind}: list {(expected ? "should" : "should not")} contain it");
                if (caller == Caller.Anonymous)
                    continue;
                var detail = await client.GetAsync($"/api/v1/incidents/{id}");
                var status = expected ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (detail.StatusCode != status)
                    mismatches.Add($"{caller} × {kind}: detail expected {(int)status}, got {(int)detail.StatusCode}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // Anonymous callers have no detail endpoint: the staff one refuses them outright.
        Assert.Equal(HttpStatusCode.Unauthorized, (await clients[Caller.Anonymous].GetAsync($"/api/v1/incidents/{incidents[Kind.Public]}")).StatusCode);
    }
}
