using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Areas;

namespace Amani.Tests.Foundation.Areas.Import;

/// <summary>The real Central African Republic layers (Who's On First): 17 prefectures and 72 sub-prefectures.</summary>
public sealed class CafBoundaryImportTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Prefectures_and_sub_prefectures_import_with_their_hierarchy_and_re_import_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ImportWorld.CreateMissionAsync(app);

        var adm1 = (await ImportWorld.ImportAsync(app, mission, ImportWorld.SampleGeo("caf_adm1.geojson"), 1)).Value!;
        var adm2 = (await ImportWorld.ImportAsync(app, mission, ImportWorld.SampleGeo("caf_adm2.geojson"), 2)).Value!;

        Assert.Equal((17, 17, 0, 0, 0), (adm1.Read, adm1.Inserted, adm1.Updated, adm1.Unchanged, adm1.Rejected));
        Assert.Equal((72, 72, 0, 0, 0), (adm2.Read, adm2.Inserted, adm2.Updated, adm2.Unchanged, adm2.Rejected));
        var areas = await app.WithDbAsync(db => db.AdminAreas.AsNoTracking().Where(a => a.MissionId == mission.Id).ToListAsync());
        var byId = areas.ToDictionary(a => a.Id);
        Assert.Equal(17, areas.Count(a => a.Level == 1));
        Assert.All(areas.Where(a => a.Level == 1), a => Assert.Null(a.ParentId)); // no country area was imported
        Assert.All(areas.Where(a => a.Level == 2), district =>
        {
            // Found by containment: the parent's HASC code is the first two parts of the sub-prefecture's (CF.NM.AB → CF.NM).
            var parent = byId[Assert.NotNull(district.ParentId)];
            Assert.Equal(1, parent.Level);
            Assert.Equal(string.Join('.', district.PCode.Split('.')[..2]), parent.PCode);
            Assert.Equal($"/{parent.PCode}/{district.PCode}/", district.Path);
        });
        var kemo = areas.Single(a => a.PCode == "CF.KG");
        Assert.Equal("Kémo", kemo.Name);
        Assert.InRange(kemo.CentroidLatitude!.Value, 4.5, 7.0);
        Assert.Contains("Nana-Grébizi", areas.Single(a => a.PCode == "CF.KB").AlternativeNames!.Split('|'));

        var again1 = (await ImportWorld.ImportAsync(app, mission, ImportWorld.SampleGeo("caf_adm1.geojson"), 1)).Value!;
        var again2 = (await ImportWorld.ImportAsync(app, mission, ImportWorld.SampleGeo("caf_adm2.geojson"), 2)).Value!;
        Assert.Equal((0, 0, 17), (again1.Inserted, again1.Updated, again1.Unchanged));
        Assert.Equal((0, 0, 72), (again2.Inserted, again2.Updated, again2.Unchanged));
        Assert.Equal(89, await app.WithDbAsync(db => db.AdminAreas.CountAsync(a => a.MissionId == mission.Id)));

        // One audit row per import, none per area.
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ActionCode == AuditCodes.AreasImported).ToListAsync());
        Assert.Equal(4, audit.Count);
        Assert.Contains(audit, e => e.Summary.Contains("read 72, inserted 72, updated 0", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.AreaCreated)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_changed_boundary_or_name_is_updated_in_place(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ImportWorld.CreateMissionAsync(app);
        var square = """{"type":"Polygon","coordinates":[[[18,4],[19,4],[19,5],[18,5],[18,4]]]}""";
        var bigger = """{"type":"Polygon","coordinates":[[[18,4],[20,4],[20,5],[18,5],[18,4]]]}""";
        await ImportWorld.ImportAsync(app, mission, ImportWorld.Utf8(ImportWorld.Collection(ImportWorld.Feature("CF.AA", "Old", square))), 1);

        var summary = (await ImportWorld.ImportAsync(app, mission, ImportWorld.Utf8(ImportWorld.Collection(
            ImportWorld.Feature("CF.AA", "New", bigger), ImportWorld.Feature("CF.BB", "Other", square))), 1)).Value!;

        Assert.Equal((2, 1, 1, 0), (summary.Read, summary.Inserted, summary.Updated, summary.Unchanged));
        var area = await app.WithDbAsync(db => db.AdminAreas.AsNoTracking().SingleAsync(a => a.PCode == "CF.AA"));
        Assert.Equal(("New", bigger), (area.Name, area.GeometryGeoJson));
        Assert.InRange(area.CentroidLongitude!.Value, 18.5, 19.5);
    }
}
