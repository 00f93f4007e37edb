using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting;
using Amani.Register.Imports;
using Amani.Register.Imports.Jobs;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Register.Imports.Jobs.ImportJobs;
using Amani.Register.Incidents;

namespace Amani.Tests.Register.Imports.Jobs;

/// <summary>
/// Several nodes on one database: a job runs on exactly one, a node's lease is respected while it lives, and a job
/// whose node died (lease lapsed) or stopped is run again by another node — to the same end state as one clean run.
/// </summary>
public sealed class ImportJobLeaseTests
{
    private static readonly string ViewsFile = Datasets.ViewsCountryMonths;

    /// <summary>A node's job settings and, when given, its clock (nodes of one test share one, as real nodes share the time) and progress hook.</summary>
    private static Action<IServiceCollection> With(ImportJobSettings settings, TimeProvider? clock = null, IImportJobProgressHook? hook = null) => services =>
    {
        services.AddSingleton(settings);
        if (clock is not null)
            services.AddSingleton(clock);
        if (hook is not null)
            services.AddSingleton(hook);
    };

    private static Task<T> WithLeasesAsync<T>(TestApp app, Func<ImportJobLeases, Task<T>> action) =>
        app.WithScopeAsync(services => action(services.GetRequiredService<ImportJobLeases>()));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Of_racing_claims_exactly_one_wins_and_a_live_lease_is_never_taken(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider, Fast with { RunJobs = false });
        var queued = Id(await jobs.UploadAsync(Form("views-cm", file: "month_id,country_id,ged_best_sb,ged_best_ns,ged_best_os\n1,2,3,4,5\n"u8.ToArray())));

        // Sixteen claims at once from two "nodes", each on its own connection: one updates the row, the others find it taken.
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            WithLeasesAsync(jobs.App, leases => leases.TryClaimAsync(queued, i % 2 == 0 ? "node-a" : "node-b", CancellationToken.None))));
        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal((ImportJobStatus.Running, 1), (winner.Status, winner.Attempts));

        // While the lease lives nobody else gets the job; the owner renews it.
        Assert.Null(await WithLeasesAsync(jobs.App, leases => leases.ClaimNextAsync("node-c", CancellationToken.None)));
        Assert.Equal(LeaseRenewal.Renewed, await WithLeasesAsync(jobs.App, leases =>
            leases.RenewAsync(queued, winner.LeaseOwner!, new ImportJobProgressSnapshot(10, 1, 0, 5, 1), CancellationToken.None)));

        // The owner falls silent past the lease: another node takes over, and the old owner can no longer write.
        jobs.App.Clock.Advance(Fast.Lease + TimeSpan.FromSeconds(1));
        var takeover = await WithLeasesAsync(jobs.App, leases => leases.ClaimNextAsync("node-c", CancellationToken.None));
        Assert.Equal((queued, 2), (takeover!.Id, takeover.Attempts));
        Assert.StartsWith("node-c/", takeover.LeaseOwner);
        Assert.Equal(LeaseRenewal.Lost, await WithLeasesAsync(jobs.App, leases =>
            leases.RenewAsync(queued, winner.LeaseOwner!, new ImportJobProgressSnapshot(20, 2, 0, 5, 1), CancellationToken.None)));
        var summary = new ImportSummary("views-cm", "reference data", 1, 1, 0, 0, 0, "rejects.csv", "utf-8", TimeSpan.FromSeconds(1));
        Assert.False(await WithLeasesAsync(jobs.App, leases => leases.SucceedAsync(queued, winner.LeaseOwner!, summary, CancellationToken.None)));
        Assert.False(await WithLeasesAsync(jobs.App, leases => leases.EndAsync(queued, winner.LeaseOwner!, ImportJobStatus.Failed, "x", CancellationToken.None)));
        Assert.True(await WithLeasesAsync(jobs.App, leases => leases.SucceedAsync(queued, takeover.LeaseOwner!, summary, CancellationToken.None)));

        var job = await jobs.PollAsync(queued);
        Assert.Equal(("succeeded", 2, JsonValueKind.Null), (Status(job), job.GetProperty("attempts").GetInt32(), job.GetProperty("lease").ValueKind));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_job_whose_node_died_mid_import_is_re_run_by_another_node_and_completes(DatabaseProvider provider)
    {
        // Node A takes the upload but runs no jobs; it plays the node that died.
        await using var nodeA = await TestApp.StartAsync(provider, services: With(Fast with { RunJobs = false }));
        var mission = await TestMission.CreateAsync(nodeA);
        var admin = await nodeA.SignInAsync(await nodeA.CreateUserAsync(Role.Administrator));
        var id = Id(await UploadAsync(admin, Form("ucdp-ged", "ALPHA", file: await File.ReadAllBytesAsync(GedFiles.Car), fileName: "car.csv")));
        try
        {
            // What the dead node did: claimed the job and committed its first batches (the first ~1,000 lines), then fell silent.
            using var files = new GedFiles();
            var firstPart = files.Write("car.csv", GedFiles.CarLines().Take(1001));
            var partial = await nodeA.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>().ImportAsync(mission, new GedMapper(),
                firstPart, new ImportOptions { BatchSize = 500, RejectsPath = firstPart + ".rejects" }, CancellationToken.None));
            var committed = partial.Value!.Inserted;
            Assert.True(committed > 500, $"{committed} events");
            var lapsed = nodeA.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
            await nodeA.WithDbAsync(db => db.Set<ImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.LeaseOwner, "dead-node/1")
                .SetProperty(j => j.LeaseExpiresAt, lapsed).SetProperty(j => j.Attempts, 1).SetProperty(j => j.RowsRead, committed)));

            // Node B, on the same database and data directory, finds the lapsed lease and runs the job again.
            await using var nodeB = await TestApp.StartNodeAsync(nodeA.Database, With(Fast));
            var job = await PollAsync(admin, id);

            Assert.Equal(("succeeded", 2), (Status(job), job.GetProperty("attempts").GetInt32()));
            Assert.Equal((1848L, 1848 - committed, 0L, committed, 0L), Counts(job)); // the dead node's batches are found unchanged, the rest inserted
            var ids = await nodeA.WithDbAsync(db => db.Incidents.Select(i => i.ExternalId).ToListAsync());
            Assert.Equal((1848, 1848), (ids.Count, ids.Distinct().Count()));
        }
        finally
        {
            Directory.Delete(Path.Combine(Path.GetTempPath(), "imports", id.ToString("N")), recursive: true);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_node_that_shuts_down_mid_import_hands_the_job_back_and_another_completes_it(DatabaseProvider provider)
    {
        const int Rows = 20_000;
        await using var database = TestDatabase.Create(provider);
        // Node A is held after its first committed batch of 50 rows until it is stopped, so that it is surely still
        // importing then, with one batch committed; node B imports as in production.
        var gate = new ImportJobGate();
        var nodeA = await TestApp.StartNodeAsync(database, With(Fast with { BatchSize = 50 }, hook: gate));
        var admin = await nodeA.CreateUserAsync(Role.Administrator);
        var slice = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(ViewsFile).Take(Rows + 1)));
        var id = Id(await UploadAsync(await nodeA.SignInAsync(admin), Form("views-cm", file: slice, fileName: "views.csv")));
        var nodeAStopped = false;
        try
        {
            Assert.Equal(50, (await gate.WaitHeldAsync()).Rows);
            nodeAStopped = true;
            await nodeA.DisposeAsync();

            await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
            {
                var handedBack = await db.Set<ImportJob>().AsNoTracking().SingleAsync(j => j.Id == id);
                Assert.Equal((ImportJobStatus.Queued, null, null), (handedBack.Status, handedBack.LeaseOwner, handedBack.LeaseExpiresAt));
            }

            await using var nodeB = await TestApp.StartNodeAsync(database, With(Fast with { BatchSize = new ImportJobSettings().BatchSize }));
            var job = await PollAsync(await nodeB.SignInAsync(admin), id);

            Assert.Equal(("succeeded", 2), (Status(job), job.GetProperty("attempts").GetInt32()));
            var (read, inserted, updated, unchanged, rejected) = Counts(job);
            Assert.Equal(((long)Rows, 0L, 0L, (long)Rows), (read, updated, rejected, inserted + unchanged));
            Assert.Equal(50, unchanged); // node A's one committed batch
            Assert.Equal(Rows, await nodeB.WithDbAsync(db => db.Set<CountryMonth>().CountAsync()));
        }
        finally
        {
            if (!nodeAStopped)
                await nodeA.DisposeAsync();
            Directory.Delete(Path.Combine(Path.GetTempPath(), "imports", id.ToString("N")), recursive: true);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Jobs_uploaded_to_two_live_nodes_each_run_exactly_once(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        // One clock for both nodes: with a clock each (set when the node started), a node that started more than a lease
        // later than the other would find the other's running job's lease lapsed and run it again.
        var clock = new TestClock();
        await using var nodeA = await TestApp.StartNodeAsync(database, With(Fast with { PollInterval = TimeSpan.FromMilliseconds(200) }, clock));
        await using var nodeB = await TestApp.StartNodeAsync(database, With(Fast with { PollInterval = TimeSpan.FromMilliseconds(200) }, clock));
        var admin = await nodeA.CreateUserAsync(Role.Administrator);
        var clients = new[] { await nodeA.SignInAsync(admin), await nodeB.SignInAsync(admin) };
        var ids = new List<Guid>();
        try
        {
            for (var i = 0; i < 6; i++)
                ids.Add(Id(await UploadAsync(clients[i % 2], Form("views-cm",
                    file: System.Text.Encoding.UTF8.GetBytes($"month_id,country_id,ged_best_sb,ged_best_ns,ged_best_os\n1,{100 + i},3,4,5\n2,{100 + i},3,4,5\n")))));

            foreach (var id in ids)
            {
                var job = await PollAsync(clients[0], id);
                Assert.Equal(("succeeded", 1, (2L, 2L, 0L, 0L, 0L)), (Status(job), job.GetProperty("attempts").GetInt32(), Counts(job)));
            }
            Assert.Equal(12, await nodeA.WithDbAsync(db => db.Set<CountryMonth>().CountAsync()));
        }
        finally
        {
            foreach (var id in ids)
                Directory.Delete(Path.Combine(Path.GetTempPath(), "imports", id.ToString("N")), recursive: true);
        }
    }
}
