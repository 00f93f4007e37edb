using Amani.Platform.Data;
using Amani.Tests.Platform.Cli;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Incidents;

namespace Amani.Tests.Register.Imports.Acled;

[Collection(ConsoleCollection.Name)]
public sealed class AcledCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_acled_loads_the_file_and_reports_rejected_rows(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        using var files = new AcledFiles();
        var path = files.Write("export.csv", [AcledFiles.Row(), AcledFiles.Row("event_id_cnty=CEN2", "event_type=Skirmish")]);
        await CliRunner.SucceedAsync(database.Target, "missions", "create", "--code", "CAR", "--name", "CAR", "--country", "CAF");

        var result = await CliRunner.SucceedAsync(database.Target, "import", "acled", path, "--mission", "car");

        Assert.Matches(@"inserted\s*│\s*1\b", result.Out);
        Assert.Matches(@"rejected\s*│\s*1\b", result.Out);
        Assert.Contains("3,CEN2,event_type 'Skirmish'", File.ReadAllText(Path.ChangeExtension(path, ".rejects.csv")));
        await using var db = new AmaniDbContext(database.Target.CreateOptions());
        Assert.Equal("CEN1", (await db.Incidents.SingleAsync()).ExternalId);
    }
}
