using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Register.Incidents.BadInput;

/// <summary>An app with mission ALPHA, a duty officer (records and triages) and a valid incident body to spoil one field of.</summary>
public sealed class IncidentWorld : IAsyncDisposable
{
    public const string Incidents = $"/api/v1/missions/{TestMission.Code}/incidents";

    public required TestApp App { get; init; }
    public required HttpClient Duty { get; init; }

    public static async Task<IncidentWorld> StartAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        return new IncidentWorld { App = app, Duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code)) };
    }

    /// <summary>A valid incident (as <see cref="IncidentLifecycleTests.NewIncident"/>) with some fields replaced or, given null, removed.</summary>
    public Dictionary<string, object?> Body(params (string Field, object? Value)[] changes)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(IncidentLifecycleTests.NewIncident(),
            new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        body["occurredAt"] = App.Clock.GetUtcNow().AddHours(-3);
        foreach (var (field, value) in changes)
            if (value is null)
                body.Remove(field);
            else
                body[field] = value;
        return body;
    }

    /// <summary>Records a valid incident and returns its address.</summary>
    public async Task<string> RecordAsync()
    {
        var created = await Duty.PostAsJsonAsync(Incidents, Body());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!.ToString();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
