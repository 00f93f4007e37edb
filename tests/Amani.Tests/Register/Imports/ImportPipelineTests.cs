using Amani.Platform.Data;
using Amani.Register.Imports;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Register.Incidents;

namespace Amani.Tests.Register.Imports;

/// <summary>The import's two stages (reading and checking rows; committing batches) under interruption and concurrency.</summary>
public sealed class ImportPipelineTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_import_cancelled_half_way_keeps_whole_batches_and_a_re_run_completes_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await TestMission.CreateAsync(app);
        var copy = files.Write("car.csv", GedFiles.CarLines());
        using var cancel = new CancellationTokenSource();
        var options = new ImportOptions
        {
            BatchSize = 200, RejectsPath = copy + ".rejects.csv",
            Progress = p => { if (p.Rows >= 1000) cancel.Cancel(); },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.WithScopeAsync(services =>
            services.GetRequiredService<IncidentImporter>().ImportAsync(mission, new GedMapper(), copy, options, cancel.Token)));

        var kept = await app.WithDbAsync(db => db.Incidents.CountAsync());
        Assert.True(kept < 1848, $"{kept} incidents: the import was not interrupted");
        Assert.Equal(0, kept % 200); // only whole batches were committed
        var again = await app.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>().ImportAsync(mission, new GedMapper(), copy,
            new ImportOptions { BatchSize = 200, RejectsPath = copy + ".rejects.csv" }, CancellationToken.None));
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal((1848L - kept, (long)kept), (again.Value!.Inserted, again.Value.Unchanged));
        Assert.Equal(1848, await app.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_imports_of_the_same_file_at_once_create_every_incident_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var files = new GedFiles();
        var mission = await TestMission.CreateAsync(app);
        var first = files.Write("car-1.csv", GedFiles.CarLines());
        var second = files.Write("car-2.csv", GedFiles.CarLines());
        Task<Result<ImportSummary>> Import(string path) => app.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>()
            .ImportAsync(mission, new GedMapper(), path, new ImportOptions { BatchSize = 300, RejectsPath = path + ".rejects.csv" }, CancellationToken.None));

        var results = await Task.WhenAll(Import(first), Import(second));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(1848L, results.Sum(r => r.Value!.Inserted));
        Assert.Equal(1848L, results.Sum(r => r.Value!.Inserted + r.Value.Unchanged) - 1848L);
        Assert.Equal(1848, await app.WithDbAsync(db => db.Incidents.CountAsync()));
        Assert.Equal(1848, await app.WithDbAsync(db => db.IncidentStatusChanges.CountAsync()));
    }
}
