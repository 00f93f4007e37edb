using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>
/// SQL and script fragments in text fields are data: stored verbatim through parameters (no table is dropped) and
/// returned JSON-escaped, so no answer ever carries a raw <c>&lt;script&gt;</c>.
/// </summary>
public sealed class HostilePayloadTests
{
    public static TheoryData<DatabaseProvider, string> Payloads
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                data.Add(provider, "Robert'); DROP TABLE missions;--");
                data.Add(provider, "<script>alert(1)</script>");
                data.Add(provider, "x\" OR 1=1; DELETE FROM organizations; -- <img src=x onerror=alert(1)>");
            }
            return data;
        }
    }

    [Theory, MemberData(nameof(Payloads))]
    public async Task An_organisation_name_with_sql_or_script_is_stored_verbatim_and_returned_escaped(DatabaseProvider provider, string name)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/organizations", new { name, acronym = "<b>", kind = "ngo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdText = await created.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(createdText).RootElement.GetProperty("id").GetGuid();

        var stored = await app.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(name, stored.Name);
        Assert.Equal("<b>", stored.Acronym);
        Assert.Equal(1, await app.WithDbAsync(db => db.Missions.CountAsync()));

        var listText = await admin.GetStringAsync("/api/v1/organizations");
        foreach (var text in new[] { createdText, listText })
        {
            Assert.DoesNotContain("<", text);
            Assert.DoesNotContain(">", text);
            Assert.Contains("\\u003C", text);
        }
        Assert.Equal(name, JsonDocument.Parse(listText).RootElement.EnumerateArray().Single().GetProperty("name").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Text_in_other_scripts_is_returned_readable_while_markup_stays_escaped(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        const string name = "Préfecture de la Ouaka – مكتب <i>Bambari</i>";

        var created = await admin.PostAsJsonAsync("/api/v1/organizations", new { name, kind = "localAuthority" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();

        Assert.Contains("Préfecture de la Ouaka – مكتب \\u003Ci\\u003EBambari\\u003C/i\\u003E", text);
        Assert.Equal(name, JsonDocument.Parse(text).RootElement.GetProperty("name").GetString());
        Assert.Equal(name, await app.WithDbAsync(db => db.Organizations.AsNoTracking().Select(o => o.Name).SingleAsync()));
    }

    [Theory, MemberData(nameof(Payloads))]
    public async Task A_mission_name_with_sql_or_script_is_stored_verbatim_and_every_table_survives(DatabaseProvider provider, string name)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Survivor Relief", kind = "ngo" });

        var updated = await admin.PutAsJsonAsync("/api/v1/missions/CAR", new { name, timeZone = "Africa/Bangui" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.DoesNotContain("<script>", await updated.Content.ReadAsStringAsync());

        Assert.Equal(name, await app.WithDbAsync(db => db.Missions.AsNoTracking().Where(m => m.Code == "CAR").Select(m => m.Name).SingleAsync()));
        var missionText = await admin.GetStringAsync("/api/v1/missions/CAR");
        Assert.DoesNotContain("<script>", missionText);
        Assert.Equal(name, JsonDocument.Parse(missionText).RootElement.GetProperty("name").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Organizations.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Summary.Contains(name))));
    }
}
