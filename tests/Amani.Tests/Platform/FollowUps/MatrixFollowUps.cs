using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Amani.Tests.Platform.FollowUps;

/// <summary>The follow-up of the access-matrix world: asked by the administrator of the duty officers, for the whole mission.</summary>
public static class MatrixFollowUps
{
    public static object New(string title) => new
    {
        title, owner = new { kind = "role", role = "dutyOfficer" }, dueAt = DateTimeOffset.UtcNow.AddDays(30), remindBeforeHours = 24,
    };

    public static async Task<Guid> CreateAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync($"/api/v1/missions/{Access.MatrixWorld.Mission}/follow-ups", New("Matrix follow-up"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUp").GetProperty("id").GetGuid();
    }
}
