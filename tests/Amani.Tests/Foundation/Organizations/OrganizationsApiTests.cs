using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Foundation.Organizations;

public sealed class OrganizationsApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Organisations_have_a_kind_and_a_parent_and_unique_names(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));

        var mission = await (await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "MINUSCA", kind = "missionComponent" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var joc = await admin.PostAsJsonAsync("/api/v1/organizations",
            new { name = "Joint Operations Centre", acronym = "JOC", kind = "missionComponent", parentId = mission.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Created, joc.StatusCode);

        var list = await (await app.SignInAsync(await app.CreateUserAsync(Role.Partner, null, mission.GetProperty("id").GetGuid())))
            .GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var listed = list.EnumerateArray().Single(o => o.GetProperty("acronym").GetString() == "JOC");
        Assert.Equal(mission.GetProperty("id").GetGuid(), listed.GetProperty("parentId").GetGuid());
        Assert.Equal("missionComponent", listed.GetProperty("kind").GetString());

        var duplicate = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "MINUSCA", kind = "unAgency" });
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.BadRequest, "validation");
        var orphan = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Orphan", kind = "donor", parentId = Guid.NewGuid() });
        await ProblemAssert.IsProblemAsync(orphan, HttpStatusCode.BadRequest, "validation");
    }
}
