using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Cli;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Governance.Results;

[Collection(ConsoleCollection.Name)]
public sealed class ResultsCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Export_dhis2_then_import_dhis2_gives_back_the_values_and_a_refused_file_writes_nothing(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        Guid missionId;
        await using (var app = await TestApp.StartNodeAsync(database))
        {
            missionId = (await ExchangeWorld.CreateAsync(app)).Id;
            await ExchangeWorld.SeedAsync(app, missionId);
        }
        List<ExchangeWorld.Stored> before;
        await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
            before = await ExchangeWorld.ValuesAsync(db, missionId);
        var directory = Directory.CreateTempSubdirectory("amani-results-");
        try
        {
            var file = Path.Combine(directory.FullName, "alpha.json");
            var exported = await CliRunner.SucceedAsync(database.Target, "results", "export-dhis2", "--mission", "alpha", "--out", file);
            Assert.Contains("5 value(s) of ALPHA written to", exported.Out);
            Assert.Equal(5, JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("dataValues").GetArrayLength());
            await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
                Assert.Equal(5, await ExchangeWorld.DeleteEnteredAsync(db, missionId));

            var imported = await CliRunner.SucceedAsync(database.Target, "results", "import-dhis2", file, "--mission", "ALPHA");
            Assert.Contains("5 value(s) of ALPHA written, 0 unchanged", imported.Out);
            await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
            {
                Assert.Equal(before, await ExchangeWorld.ValuesAsync(db, missionId));
                Assert.True(await db.AuditEntries.AnyAsync(e => e.ActionCode == ExchangeWorld.ValuesEntered && e.Actor.StartsWith("cli:")));
                await ExchangeWorld.DeleteEnteredAsync(db, missionId);
            }

            var bad = Path.Combine(directory.FullName, "bad.json");
            await File.WriteAllTextAsync(bad, $$"""
                {"dataValues": [
                  {"dataElement": "{{ExchangeWorld.Budget}}", "period": "2024", "orgUnit": "CF", "value": "1"},
                  {"dataElement": "NO-SUCH", "period": "2024", "orgUnit": "CF", "value": "1"},
                  {"dataElement": "{{ExchangeWorld.Killed}}", "period": "2024", "orgUnit": "CF.AA", "value": "1"}
                ]}
                """);
            var refused = await CliRunner.RunAsync(database.Target, "results", "import-dhis2", bad, "--mission", "ALPHA");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("dataValues[1]: indicator: 'NO-SUCH' is not an indicator of this mission.", refused.Error);
            Assert.Contains("dataValues[2]: period: ", refused.Error);
            Assert.Contains("2 value(s) of bad.json were refused", refused.Error);
            await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
                Assert.Empty(await ExchangeWorld.ValuesAsync(db, missionId));

            var unknown = await CliRunner.RunAsync(database.Target, "results", "export-dhis2", "--mission", "NOPE", "--out", file);
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("There is no mission NOPE", unknown.Error);
            var unreadable = Path.Combine(directory.FullName, "unreadable.json");
            await File.WriteAllTextAsync(unreadable, "{\"dataValues\": 3}");
            var shape = await CliRunner.RunAsync(database.Target, "results", "import-dhis2", unreadable, "--mission", "ALPHA");
            Assert.Equal(1, shape.ExitCode);
            Assert.Contains("$.dataValues", shape.Error);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Export_csv_then_import_csv_gives_back_the_values(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        Guid missionId;
        await using (var app = await TestApp.StartNodeAsync(database))
        {
            missionId = (await ExchangeWorld.CreateAsync(app)).Id;
            await ExchangeWorld.SeedAsync(app, missionId);
        }
        List<ExchangeWorld.Stored> before;
        await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
        {
            before = await ExchangeWorld.ValuesAsync(db, missionId);
        }
        var file = Path.Combine(Path.GetTempPath(), $"amani-results-{Guid.NewGuid():N}.csv");
        try
        {
            await CliRunner.SucceedAsync(database.Target, "results", "export-csv", "--mission", "ALPHA", "--out", file, "--indicator", ExchangeWorld.Killed);
            Assert.Equal(4, (await File.ReadAllLinesAsync(file)).Length); // the header and the three values of CIV-KILLED
            await using (var db = new AmaniDbContext(database.Target.CreateOptions()))
                await ExchangeWorld.DeleteEnteredAsync(db, missionId);
            var imported = await CliRunner.SucceedAsync(database.Target, "results", "import-csv", file, "--mission", "ALPHA");
            Assert.Contains("3 value(s) of ALPHA written", imported.Out);
            await using var check = new AmaniDbContext(database.Target.CreateOptions());
            Assert.Equal(before.Where(v => v.Indicator == ExchangeWorld.Killed), await ExchangeWorld.ValuesAsync(check, missionId));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
