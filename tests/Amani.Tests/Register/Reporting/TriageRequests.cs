using System.Net;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Incidents;
using Xunit;

namespace Amani.Tests.Register.Reporting;

/// <summary>Triage changes as a client makes them: read the report's ETag, then send the change with it in If-Match.</summary>
public static class TriageRequests
{
    public static string Report(Guid id) => $"/api/v1/missions/{TestMission.Code}/reports/{id}";

    /// <summary>The report's ETag, as <c>GET …/reports/{id}</c> answers it.</summary>
    public static async Task<string> ETagAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync(Report(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    /// <summary>POSTs <paramref name="body"/> to the report's <paramref name="action"/> (<c>link</c>, <c>replies</c>, <c>status</c>) with its current ETag.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string action, object body) =>
        await IncidentLifecycleTests.Send(client, HttpMethod.Post, $"{Report(id)}/{action}", body, await ETagAsync(client, id));
}
