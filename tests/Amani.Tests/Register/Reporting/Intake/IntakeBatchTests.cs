using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting.Intake;

/// <summary>The group-commit writer under concurrent submissions, and what the intake benchmark relies on.</summary>
public sealed class IntakeBatchTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_retry_of_a_stored_report_in_a_busy_batch_gets_its_code_back_and_the_new_reports_are_stored_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings => settings with { AnonymousRequestsPerMinute = 1000 });
        await TestMission.CreateAsync(app);
        var client = app.CreateClient();
        var first = await client.PostAsJsonAsync("/api/v1/reports", Body(0));
        var code = await CodeAsync(first);

        // The retry lands in a batch with new reports: the writer finds its key stored, answers it with the stored code,
        // and writes the others in one transaction.
        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => client.PostAsJsonAsync("/api/v1/reports", Body(i))));

        var codes = await Task.WhenAll(answers.Select(CodeAsync));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(code, codes[0]);
        Assert.True(answers[0].Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(25, codes.Distinct().Count());
        Assert.Equal(25, await app.WithDbAsync(db => db.CommunityReports.CountAsync()));
        Assert.Equal(25, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "community_report")));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_benchmark_no_op_endpoint_exists_only_when_switched_on_and_stores_nothing(DatabaseProvider provider)
    {
        await using (var production = await TestApp.StartAsync(provider))
            Assert.Equal(HttpStatusCode.NotFound, (await production.CreateClient().PostAsJsonAsync("/api/v1/bench/noop", Body(1))).StatusCode);

        await using var bench = await TestApp.StartAsync(provider, settings => settings with { BenchmarkNoop = true });
        await TestMission.CreateAsync(bench);
        var client = bench.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/bench/noop", Body(1))).StatusCode);
        var invalid = await client.PostAsJsonAsync("/api/v1/bench/noop", new { description = "x", latitude = 91 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(0, await bench.WithDbAsync(db => db.CommunityReports.CountAsync()));
    }

    [Fact]
    public async Task SQLite_connections_commit_with_synchronous_full_in_wal_mode()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (journal, synchronous) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(),
                await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync());
        });
        Assert.Equal("wal", Assert.Single(journal));
        Assert.Equal(2, Assert.Single(synchronous)); // FULL
    }

    private static object Body(int i) => new
    {
        description = $"Armed men stopped the bus north of the river crossing (#{i})", latitude = 4.5, longitude = 18.5, language = "fr",
        idempotencyKey = $"intake-batch-test-{i:D4}",
    };

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString();
}
