using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>The alerts of the access-matrix world: a public rule over the whole mission, and the alert it raised on the world's incident.</summary>
public static class MatrixAlerts
{
    public static object Rule(string caller) => new
    {
        name = $"Matrix rule {caller}", kind = "incidentCount", severity = "moderate", threshold = 1, windowDays = 7, @public = true,
    };

    public static object Deadlines => new { minor = 168, moderate = 48, severe = 12, extreme = 2 };

    public static async Task<(Guid Rule, Guid Alert)> CreateAsync(TestApp app, HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync($"/api/v1/missions/{Platform.Access.MatrixWorld.Mission}/alert-rules", Rule("Anon"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var rule = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await app.Services.GetRequiredService<AlertEngine>().RunAsync(null, CancellationToken.None);
        var alert = await app.WithDbAsync(db => db.Set<Alert>().Where(a => a.RuleId == rule).Select(a => a.Id).SingleAsync());
        return (rule, alert);
    }
}
