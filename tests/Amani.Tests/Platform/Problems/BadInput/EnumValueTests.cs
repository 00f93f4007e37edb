using System.Net;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>A name that is not one of an enum's values (or a number in its place): 400 that lists the allowed names.</summary>
public sealed class EnumValueTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_organisation_kind_is_refused_listing_the_kinds(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var before = await RowCounts.TakeAsync(app);

        foreach (var kind in new[] { "\"martian\"", "2", "\"\"" })
        {
            var problem = await ProblemAssert.IsProblemAsync(
                await admin.PostRawAsync("/api/v1/organizations", $$"""{"name": "Mars Relief", "kind": {{kind}}}"""),
                HttpStatusCode.BadRequest, "malformed-request");
            var detail = problem.GetProperty("detail").GetString();
            Assert.Contains("at '$.kind'", detail);
            Assert.Contains("not one of the allowed values (missionComponent, unAgency, ngo, localAuthority, donor, communityGroup)", detail);
        }
        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Granting_an_unknown_role_is_refused_listing_the_roles(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var user = await app.CreateUserAsync(null);
        var before = await RowCounts.TakeAsync(app);

        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostRawAsync($"/api/v1/users/{user.Id}/roles", """{"role": "superuser"}"""),
            HttpStatusCode.BadRequest, "malformed-request");
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("at '$.role'", detail);
        Assert.Contains("(administrator, analyst, dutyOfficer, fieldOfficer, partner, planningOfficer)", detail);

        await before.AssertUnchangedAsync(app);
    }
}
