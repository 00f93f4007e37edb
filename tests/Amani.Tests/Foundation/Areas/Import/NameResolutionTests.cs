using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Foundation.Areas.Import.ImportWorld;
using Amani.Foundation.Areas;

namespace Amani.Tests.Foundation.Areas.Import;

/// <summary>Incidents without coordinates are placed by name: GED's <c>adm_1</c> names against the imported layers.</summary>
public sealed class NameResolutionTests
{
    /// <summary>The 17 distinct <c>adm_1</c> values of ged231_events_central_african_republic.csv and the prefecture each one means.</summary>
    private static readonly Dictionary<string, string> GedPrefectures = new()
    {
        ["Bamingui-Bangoran province"] = "CF.BB", ["Bangui province"] = "CF.BG", ["Basse-Kotto province"] = "CF.BK",
        ["Haut-Mbomou province"] = "CF.HM", ["Haute-Kotto province"] = "CF.HK", ["Kémo province"] = "CF.KG", ["Lobaye province"] = "CF.LB",
        ["Mambéré-Kadéi province"] = "CF.HS", ["Mbomou province"] = "CF.MB", ["Nana-Grébizi province"] = "CF.KB",
        ["Nana-Mambéré province"] = "CF.NM", ["Ombella-M'Poko province"] = "CF.MP", ["Ouaka province"] = "CF.UK", ["Ouham province"] = "CF.AC",
        ["Ouham-Pendé province"] = "CF.OP", ["Sangha-Mbaéré province"] = "CF.SE", ["Vakaga province"] = "CF.VK",
    };

    [Theory]
    [InlineData("Ombella-M'Poko province", "ombella mpoko")]
    [InlineData("Ombella M’Poko", "ombella mpoko")]
    [InlineData("Mambéré-Kadéï", "mambere kadei")]
    [InlineData("  NANA-GRÉBIZI  Prefecture ", "nana grebizi")]
    [InlineData("Damascus Governorate", "damascus")]
    [InlineData("Bria sub-prefecture", "bria")]
    [InlineData("Ar-Raqqa Region", "ar raqqa")]
    [InlineData("Deir-ez-Zor (district)", "deir ez zor")]
    public void Names_are_normalised_as_the_areas_docs_say(string name, string expected) => // docs/foundation/areas.md
        Assert.Equal(expected, AreaResolver.NormalizeName(name));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_17_GED_prefecture_names_resolve_to_their_imported_prefectures(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);
        await ImportAsync(app, mission, SampleGeo("caf_adm1.geojson"), 1);
        var resolver = app.Services.GetRequiredService<AreaResolver>();
        var codes = await app.WithDbAsync(db => db.AdminAreas.ToDictionaryAsync(a => a.Id, a => a.PCode));

        var resolved = new Dictionary<string, string?>();
        foreach (var name in GedPrefectures.Keys)
            resolved[name] = await resolver.ResolveAsync(mission.Id, null, null, name, CancellationToken.None) is { } id ? codes[id] : null;

        Assert.Equal(GedPrefectures.Select(p => (p.Key, (string?)p.Value)), resolved.Select(p => (p.Key, p.Value)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Syrian_districts_find_their_governorates_and_are_found_by_point_and_by_other_names(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);
        var governorates = (await ImportAsync(app, mission, Fixture("syr_sample_adm1.geojson"), 1)).Value!;
        var districts = (await ImportAsync(app, mission, Fixture("syr_sample_adm2.geojson"), 2)).Value!;

        Assert.Equal((2, 0), (governorates.Inserted, governorates.Rejected));
        Assert.Equal((3, 1), (districts.Inserted, districts.Rejected));
        // The source gives Rural Damascus the same HASC code as Damascus: the second is refused, not merged.
        Assert.Contains("SY.RD.RD is already used by features[0]", Assert.Single(districts.Issues).ToString());
        var areas = await app.WithDbAsync(db => db.AdminAreas.AsNoTracking().ToListAsync());
        var parents = areas.Where(a => a.Level == 2).ToDictionary(a => a.PCode, a => areas.Single(p => p.Id == a.ParentId).PCode);
        Assert.Equal(new Dictionary<string, string> { ["SY.RD.RD"] = "SY.DI", ["SY.TA.DK"] = "SY.TA", ["SY.TA.SB"] = "SY.TA" }, parents);

        var resolver = app.Services.GetRequiredService<AreaResolver>();
        var codes = await app.WithDbAsync(db => db.AdminAreas.ToDictionaryAsync(a => a.Id, a => a.PCode));
        async Task<string?> Resolve(double? latitude, double? longitude, string? name) =>
            await resolver.ResolveAsync(mission.Id, latitude, longitude, name, CancellationToken.None) is { } id ? codes[id] : null;
        Assert.Equal("SY.TA", await Resolve(null, null, "Tartus Governorate"));
        Assert.Equal("SY.TA", await Resolve(null, null, "Tartous")); // French name
        Assert.Equal("SY.TA", await Resolve(null, null, "Tartaus")); // a variant
        Assert.Equal("SY.TA.DK", await Resolve(null, null, "Duraykish")); // English name of a district
        var dreikish = await app.WithDbAsync(db => db.AdminAreas.SingleAsync(a => a.PCode == "SY.TA.DK"));
        Assert.Equal("SY.TA.DK", await Resolve(dreikish.CentroidLatitude, dreikish.CentroidLongitude, "Somewhere else"));
    }
}
