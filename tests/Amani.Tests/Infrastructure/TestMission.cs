using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace Amani.Tests.Infrastructure;

/// <summary>A mission "ALPHA" in CAF with a country area and one province whose boundary is a 1°×1° square (18–19°E, 4–5°N).</summary>
public static class TestMission
{
    public const string Code = "ALPHA";
    public const string Province = "CF.AA";

    public static Task<Mission> CreateAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var mission = (await services.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest(Code, "Alpha mission", "CAF", null),
            CancellationToken.None)).Value!;
        var areas = services.GetRequiredService<AreaRules>();
        await areas.AddAsync(mission, new CreateAreaRequest("CF", "Central African Republic", 0, null, null, null, null), CancellationToken.None);
        var square = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[18,4],[19,4],[19,5],[18,5],[18,4]]]}""").RootElement;
        await areas.AddAsync(mission, new CreateAreaRequest(Province, "Ombella-M'Poko", 1, "CF", square, null, null), CancellationToken.None);
        await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        return mission;
    });
}
