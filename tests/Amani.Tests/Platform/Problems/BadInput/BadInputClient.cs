using System.Net.Http.Json;
using System.Text;
using Amani.Platform.Access;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>Sends bodies exactly as given, byte for byte, so tests control what a well-behaved client never would.</summary>
public static class BadInputClient
{
    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, Json(json));

    /// <summary>A signed-in administrator's session client, and a mission (CAR) to hang areas on.</summary>
    public static async Task<HttpClient> AdministratorWithMissionAsync(this TestApp app)
    {
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var created = await admin.PostAsJsonAsync("/api/v1/missions", new { code = "CAR", name = "Central African mission", countryIso3 = "CAF" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return admin;
    }
}
