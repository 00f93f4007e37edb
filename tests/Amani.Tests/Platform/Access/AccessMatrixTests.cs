using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Platform.Access;

/// <summary>Every endpoint × every caller (anonymous, each role over the mission, and roles scoped to an area) answers as <see cref="AccessMatrix"/> says.</summary>
public sealed class AccessMatrixTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var world = await MatrixWorld.CreateAsync(app);
        var mismatches = new List<string>();

        foreach (var @case in Cases)
        foreach (var (caller, expected) in @case.Expected)
        {
            var client = caller == Caller.Anonymous ? app.CreateClient()
                : @case.Pattern.EndsWith("/logout", StringComparison.Ordinal) ? await world.NewSession(caller)
                : @case.Pattern.EndsWith("/logout-everywhere", StringComparison.Ordinal) ? await world.NewUserSession(caller)
                : world.Sessions[caller];
            using var request = new HttpRequestMessage(new HttpMethod(@case.Method), @case.Path(world, caller));
            request.Content = @case.Body(world, caller) switch
            {
                null => null,
                FormBody => new FormUrlEncodedContent([]),
                var body => JsonContent.Create(body, body.GetType()),
            };
            var response = await client.SendAsync(request);
            if (response.StatusCode != expected)
                mismatches.Add($"{@case.Method} {@case.Pattern} as {caller}: expected {(int)expected}, got {(int)response.StatusCode} " +
                               await response.Content.ReadAsStringAsync());
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task The_matrix_covers_every_endpoint_of_the_application()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null) // pages: Web/PageAccessMatrix
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = Cases.Select(c => $"{c.Method} {c.Pattern}").ToHashSet();

        var missing = endpoints.Except(covered).Order().ToList();
        var stale = covered.Except(endpoints).Order().ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"Add these endpoints to AccessMatrix.Cases: {string.Join(", ", missing)}. Remove these, they no longer exist: {string.Join(", ", stale)}");
    }
}
