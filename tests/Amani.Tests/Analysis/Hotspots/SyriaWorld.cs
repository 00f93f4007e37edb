using System.Diagnostics;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Register.Imports;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Analysis.Hotspots;

/// <summary>
/// Mission SYRIA (SYR) with the shipped Syrian boundaries (country SY, 14 governorates, 61 districts) and the 16,566 real
/// UCDP GED 19.1 events of 2016–2019, loaded with the same importers as <c>./amani import areas</c> and <c>import ucdp-ged</c>.
/// </summary>
public static class SyriaWorld
{
    public const string Code = "SYRIA";

    public static string Sample(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "SampleData", folder, file);

    public sealed record Loaded(Mission Mission, ImportSummary Events, TimeSpan ImportTime);

    public static async Task<Loaded> CreateAsync(TestApp app)
    {
        var mission = await app.WithScopeAsync(async services =>
        {
            var created = (await services.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest(Code, "Syria", "SYR", null),
                CancellationToken.None)).Value!;
            using var country = JsonDocument.Parse(await File.ReadAllBytesAsync(Sample("geo", "syr_adm0.geojson")));
            var outline = country.RootElement.GetProperty("features")[0].GetProperty("geometry").Clone();
            var added = await services.GetRequiredService<AreaRules>().AddAsync(created, new CreateAreaRequest("SY", "Syria", 0, null, outline, null, null),
                CancellationToken.None);
            Assert.True(added.Succeeded, added.Refusal?.Message);
            await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
            return created;
        });
        foreach (var level in new[] { 1, 2 })
        {
            var imported = await app.WithScopeAsync(async services =>
            {
                await using var file = File.OpenRead(Sample("geo", $"syr_adm{level}.geojson"));
                return await services.GetRequiredService<AreaImporter>().ImportAsync(mission, file, new AreaImportOptions(level), CancellationToken.None);
            });
            Assert.True(imported.Succeeded, imported.Refusal?.Message);
            Assert.Equal(0, imported.Value!.Rejected);
        }
        var watch = Stopwatch.StartNew();
        var rejects = Path.Combine(Path.GetTempPath(), $"amani-syria-{Guid.NewGuid():N}.rejects.csv");
        var events = await app.WithScopeAsync(services => services.GetRequiredService<IncidentImporter>().ImportAsync(mission, new GedMapper(),
            Sample("ucdp", "ged191_events_syria_2016-2019.csv"), new ImportOptions { RejectsPath = rejects }, CancellationToken.None));
        Assert.True(events.Succeeded, events.Error);
        File.Delete(rejects);
        return new Loaded(mission, events.Value!, watch.Elapsed);
    }
}
