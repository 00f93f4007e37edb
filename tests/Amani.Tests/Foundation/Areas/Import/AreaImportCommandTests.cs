using Amani.Platform.Data;
using Amani.Tests.Platform.Cli;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Foundation.Areas.Import.ImportWorld;
using Amani.Foundation.Areas;

namespace Amani.Tests.Foundation.Areas.Import;

[Collection(ConsoleCollection.Name)]
public sealed class AreaImportCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_areas_prints_the_summary_and_a_refused_file_exits_non_zero(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await CliRunner.SucceedAsync(database.Target, "missions", "create", "--code", Mission, "--name", "Geo", "--country", "SYR");
        var notCollection = Path.Combine(Path.GetTempPath(), $"amani-point-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(notCollection, """{"type":"Point","coordinates":[36,33]}""");
        try
        {
            var imported = await CliRunner.RunAsync(database.Target, "import", "areas", Fixture("syr_sample_adm1.geojson"), "--mission", Mission, "--level", "1");
            var districts = await CliRunner.RunAsync(database.Target, "import", "areas", Fixture("syr_sample_adm2.geojson"), "--mission", Mission, "--level", "2");
            var refused = await CliRunner.RunAsync(database.Target, "import", "areas", notCollection, "--mission", Mission, "--level", "2");

            Assert.Equal(0, imported.ExitCode);
            Assert.Contains("inserted: 2", imported.Out); // output is redirected here: plain lines, no table
            Assert.Contains("rejected: 0", imported.Out);
            Assert.Equal(0, districts.ExitCode);
            Assert.Contains("features[3] (SY.RD.RD) rejected: its P-code SY.RD.RD is already used by features[0]", districts.Out);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("not a FeatureCollection", refused.Error);
            await using var db = new AmaniDbContext(database.Target.CreateOptions());
            Assert.Equal(5, await db.AdminAreas.CountAsync());
        }
        finally
        {
            File.Delete(notCollection);
        }
    }
}
