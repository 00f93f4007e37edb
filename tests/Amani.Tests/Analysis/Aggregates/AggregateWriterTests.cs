using Amani.Platform.Access;
using Amani.Analysis.Aggregates;
using Amani.Platform.Data;
using Amani.Register.Imports;
using Amani.Register.Incidents;
using Amani.Tests.Register.Imports;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Analysis.Aggregates.AggregateWorld;

namespace Amani.Tests.Analysis.Aggregates;

/// <summary>Writers other than a single incident's save: the import pipeline, and bulk SQL that marks its slices itself.</summary>
public sealed class AggregateWriterTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_import_is_aggregated_and_a_re_import_that_changes_a_row_updates_its_month(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await CreateAsync(app);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));
        Task<Result<ImportSummary>> Import(string path) => app.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>()
            .ImportAsync(mission, new GedMapper(), path, new ImportOptions { BatchSize = 500, RejectsPath = path + ".rejects.csv" }, CancellationToken.None));

        Assert.True((await Import(files.Write("car.csv", GedFiles.CarLines()))).Succeeded);
        var best = await app.WithDbAsync(db => db.Incidents.SumAsync(i => i.FatalitiesBest ?? 0));
        var country = Assert.Single((await SeriesAsync(analyst, "unit=country")).Series);
        Assert.Equal((1848L, (long)best), (country.Total.Events, country.Total.FatalitiesBest));
        var february2009 = country.Months.Single(m => m.Month == "2009-02");

        var lines = GedFiles.CarLines();
        lines[1] = lines[1].Replace("3,3,3,500,", "5,7,2,500," /* best, high, low of event 36210, 20 February 2009 */, StringComparison.Ordinal);
        Assert.Equal(1, (await Import(files.Write("car-newer.csv", lines))).Value!.Updated);

        var after = Assert.Single((await SeriesAsync(analyst, "unit=country")).Series);
        Assert.Equal(february2009 with { FatalitiesBest = february2009.FatalitiesBest + 2, FatalitiesLow = february2009.FatalitiesLow - 1,
            FatalitiesHigh = february2009.FatalitiesHigh + 4 }, after.Months.Single(m => m.Month == "2009-02"));
        Assert.Equal(country.Total.Events, after.Total.Events);
        var incremental = await SnapshotAsync(app);
        await RebuildAsync(app, mission.Id);
        Assert.Equal(incremental, await SnapshotAsync(app));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bulk_sql_that_marks_its_slices_is_picked_up(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        await RecordAsync(officer, Incident(new DateTimeOffset(2024, 1, 5, 0, 0, 0, TimeSpan.Zero), 4.25, 18.25));
        Assert.Equal(["2024-01"], (await SeriesAsync(officer, "unit=admin1")).Series.Single().Months.Select(m => m.Month));

        // A writer that bypasses the change tracker: it marks the old months before and the new ones after, in its transaction.
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var ids = await db.Incidents.Select(i => i.Id).ToListAsync();
            await AggregateSlices.MarkIncidentsDirtyAsync(db, mission.Id, ids, CancellationToken.None);
            await db.Incidents.ExecuteUpdateAsync(s => s.SetProperty(i => i.OccurredFrom, new DateTime(2024, 6, 2, 0, 0, 0, DateTimeKind.Utc))
                .SetProperty(i => i.FatalitiesBest, 40));
            await AggregateSlices.MarkIncidentsDirtyAsync(db, mission.Id, ids, CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });
        var moved = Assert.Single((await SeriesAsync(officer, "unit=admin1")).Series);
        Assert.Equal([("2024-06", 40L)], moved.Months.Select(m => (m.Month, m.FatalitiesBest)));

        // Or by months, from the occurrence times it wrote.
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Incidents.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IncidentStatus.Rejected));
            await AggregateSlices.MarkDirtyAsync(db, mission.Id, [new DateTime(2024, 6, 2, 0, 0, 0, DateTimeKind.Utc)], CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });
        Assert.Empty((await SeriesAsync(officer, "unit=admin1")).Series);
    }

    [Fact]
    public async Task Two_nodes_refreshing_while_incidents_arrive_on_both_leave_the_aggregates_equal_to_a_rebuild()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var nodeA = await TestApp.StartNodeAsync(database);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        var mission = await CreateAsync(nodeA);
        var user = await nodeA.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var (onA, onB) = (await nodeA.SignInAsync(user), await nodeB.SignInAsync(user));

        var writes = Enumerable.Range(0, 30).Select(i => RecordAsync(i % 2 == 0 ? onA : onB,
            Incident(new DateTimeOffset(2024, 1 + i % 6, 1 + i % 27, 0, 0, 0, TimeSpan.Zero), 4.05 + i % 9 * 0.1, 18.05 + i % 7 * 0.1, low: i, best: i, high: i)));
        var reads = Enumerable.Range(0, 30).Select(i => SeriesAsync(i % 2 == 0 ? onB : onA, i % 3 == 0 ? "unit=cell" : "unit=admin2"));
        var refreshes = Enumerable.Range(0, 10).Select(i => RefreshAsync(i % 2 == 0 ? nodeA : nodeB, mission.Id));
        await Task.WhenAll(writes.Cast<Task>().Concat(reads).Concat(refreshes));

        var country = Assert.Single((await SeriesAsync(onA, "unit=country")).Series);
        Assert.Equal((30L, 435L), (country.Total.Events, country.Total.FatalitiesBest)); // 0 + 1 + … + 29
        var incremental = await SnapshotAsync(nodeB);
        await RebuildAsync(nodeB, mission.Id);
        Assert.Equal(incremental, await SnapshotAsync(nodeA));
    }
}
