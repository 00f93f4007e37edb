using Amani.Platform.Data;
using Amani.Tests.Platform.Cli;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Incidents;

namespace Amani.Tests.Register.Imports;

[Collection(ConsoleCollection.Name)]
public sealed class ImportCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_ucdp_ged_loads_the_file_prints_a_summary_and_refuses_a_missing_mission(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        using var files = new GedFiles();
        var path = files.Write("car.csv", GedFiles.CarLines().Take(200));
        await CliRunner.SucceedAsync(database.Target, "missions", "create", "--code", "CAR", "--name", "CAR", "--country", "CAF");

        var result = await CliRunner.SucceedAsync(database.Target, "import", "ucdp-ged", path, "--mission", "car");
        var refused = await CliRunner.RunAsync(database.Target, "import", "ucdp-ged", path, "--mission", "NOPE");

        Assert.Matches(@"inserted\s*│\s*\d{3}", result.Out);
        Assert.Contains("No row was rejected", result.Out);
        Assert.True(File.Exists(Path.ChangeExtension(path, ".rejects.csv")));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("There is no mission NOPE", refused.Error);
        await using var db = new AmaniDbContext(database.Target.CreateOptions());
        Assert.True(await db.Incidents.CountAsync() > 100);
    }
}
