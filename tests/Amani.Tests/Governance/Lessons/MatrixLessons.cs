using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Platform.Access;
using Xunit;

namespace Amani.Tests.Governance.Lessons;

/// <summary>
/// The lessons of the access-matrix world: a validated lesson of area AL recorded by the administrator, and the answers
/// each caller gets from the lessons endpoints (none for partners; changes reach the If-Match check, 428, where allowed).
/// </summary>
public static class MatrixLessons
{
    public static object New(string caller) => LessonWorld.NewLesson($"Matrix lesson by {caller}");

    public static async Task<Guid> CreateAsync(HttpClient admin)
    {
        var path = $"/api/v1/missions/{MatrixWorld.Mission}/lessons";
        var created = await admin.PostAsJsonAsync(path, LessonWorld.NewLesson("Matrix lesson", MatrixWorld.Area));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (to, version) in new[] { ("submitted", 1), ("validated", 2) })
        {
            var moved = await LessonWorld.SendAsync(admin, HttpMethod.Post, $"{path}/{id}/transitions", new { to }, version);
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        }
        return id;
    }
}
