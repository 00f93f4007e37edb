using System.Text;
using Amani.Foundation.Areas;
using Amani.Platform.Records;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Amani.Tests.Foundation.Areas.Import;

/// <summary>Boundary files for the import tests: the shipped CAF layers, the Syrian fixtures, and hand-made bad ones.</summary>
public static class ImportWorld
{
    public const string Mission = "GEO";

    public static string SampleGeo(string file) => Path.Combine(AppContext.BaseDirectory, "SampleData", "geo", file);

    public static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Foundation", "Areas", "Import", "Fixtures", file);

    /// <summary>A mission with no areas (the shared TestMission has a made-up province that would take part in containment).</summary>
    public static Task<Mission> CreateMissionAsync(TestApp app) => app.WithScopeAsync(async services =>
        (await services.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest(Mission, "Geo mission", "CAF", null),
            CancellationToken.None)).Value!);

    public static Task<Outcome<AreaImportSummary>> ImportAsync(TestApp app, Mission mission, string path, int level) =>
        ImportAsync(app, mission, File.ReadAllBytes(path), level);

    public static Task<Outcome<AreaImportSummary>> ImportAsync(TestApp app, Mission mission, byte[] content, int level) =>
        app.WithScopeAsync(async services =>
        {
            using var stream = new MemoryStream(content);
            return await services.GetRequiredService<AreaImporter>().ImportAsync(mission, stream, new AreaImportOptions(level), CancellationToken.None);
        });

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A Feature with a hasc P-code and name, and the given geometry JSON (or none).</summary>
    public static string Feature(string pCode, string name, string? geometry) =>
        $$"""{"type":"Feature","properties":{"hasc":"{{pCode}}","name":"{{name}}"},"geometry":{{geometry ?? "null"}}}""";

    public static string Collection(params string[] features) => $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";
}
