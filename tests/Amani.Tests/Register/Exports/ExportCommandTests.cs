using Amani.Platform.Data;
using Amani.Tests.Platform.Cli;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Register.Exports;

[Collection(ConsoleCollection.Name)]
public sealed class ExportCommandTests
{
    private const string Base = $"/api/v1/missions/{ExportWorld.Mission}/incidents";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_CLI_writes_the_same_rows_as_the_API_in_every_format(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var world = await ExportWorld.CreateAsync(app); // the duty officer recorded every incident, so sees all of them, as the operator does
        var directory = Directory.CreateTempSubdirectory("amani-export-");
        try
        {
            foreach (var (format, extension, publicView) in new[] { ("csv", "csv", false), ("hxl", "hxl.csv", false), ("geojson", "geojson", false),
                         ("csv", "csv", true) })
            {
                var file = Path.Combine(directory.FullName, $"out-{format}-{publicView}.{extension}");
                string[] args = ["export", "incidents", "--mission", "alpha", "--format", format, "--out", file, .. publicView ? new[] { "--public" } : []];
                var result = await CliRunner.SucceedAsync(app.Database.Target, args);
                Assert.Contains($"{(publicView ? 2 : 4)} incident(s) of ALPHA written to", result.Out);
                var url = publicView ? $"/api/v1/public/missions/{ExportWorld.Mission}/incidents.{extension}" : $"{Base}.{extension}";
                var api = await (await (publicView ? app.CreateClient() : world.Duty).GetAsync(url)).Content.ReadAsStringAsync();
                Assert.Equal(api, await File.ReadAllTextAsync(file));
                Assert.False(File.Exists(file + ".partial"));
            }
            var filtered = Path.Combine(directory.FullName, "battles.csv");
            await CliRunner.SucceedAsync(app.Database.Target, "export", "incidents", "--mission", "ALPHA", "--format", "csv", "--out", filtered, "--category", "battles");
            Assert.Equal([world.PublicExact, world.Restricted],
                ExportWorld.Records(ExportWorld.ParseCsv(await File.ReadAllTextAsync(filtered))).Select(r => Guid.Parse(r["id"])));

            var missing = await CliRunner.RunAsync(app.Database.Target, "export", "incidents", "--mission", "NOPE", "--format", "csv", "--out",
                Path.Combine(directory.FullName, "nope.csv"));
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("There is no mission NOPE", missing.Error);
            var badArea = await CliRunner.RunAsync(app.Database.Target, "export", "incidents", "--mission", "ALPHA", "--format", "csv", "--out",
                Path.Combine(directory.FullName, "bad.csv"), "--area", "XX");
            Assert.Equal(1, badArea.ExitCode);
            Assert.Contains("--area: There is no area XX", badArea.Error);
            Assert.False(File.Exists(Path.Combine(directory.FullName, "bad.csv")));
            var badFormat = await CliRunner.RunAsync(app.Database.Target, "export", "incidents", "--mission", "ALPHA", "--format", "xlsx", "--out", filtered);
            Assert.NotEqual(0, badFormat.ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
