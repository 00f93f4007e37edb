using System.Diagnostics;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting;
using Amani.Register.Imports;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Amani.Tests.Analysis.Forecasting;

public sealed class CountryMonthImportTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string RealFile = Datasets.ViewsCountryMonths;

    private const string Header = "month_id,year,month,country_id,country_name,isoab,ged_best_sb,ged_best_ns,ged_best_os,ged_count_sb,ged_count_ns,ged_count_os";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-views-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static Task<Result<ImportSummary>> ImportAsync(TestApp app, string path, int batchSize = 5_000) =>
        app.WithScopeAsync(services => services.GetRequiredService<CountryMonthImporter>().ImportAsync(path,
            new ImportOptions { BatchSize = batchSize, RejectsPath = path + ".rejects.csv" }, CancellationToken.None));

    private static ImportSummary Succeeded(Result<ImportSummary> result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    private static Task<CountryMonth> FindAsync(TestApp app, int countryId, int monthId) =>
        app.WithDbAsync(db => db.Set<CountryMonth>().AsNoTracking().SingleAsync(m => m.CountryId == countryId && m.MonthId == monthId));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_real_file_imports_once_and_a_re_import_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var clock = Stopwatch.StartNew();
        var first = Succeeded(await ImportAsync(app, RealFile));
        output.WriteLine($"{provider}: first import {first.Read} rows in {clock.Elapsed.TotalSeconds:N1} s");

        Assert.Equal((72652L, 72652L, 0L, 0L, 0L), (first.Read, first.Inserted, first.Updated, first.Unchanged, first.Rejected));
        Assert.Equal(72652, await app.WithDbAsync(db => db.Set<CountryMonth>().CountAsync()));
        Assert.Equal(199, await app.WithDbAsync(db => db.Set<CountryMonth>().Select(m => m.CountryId).Distinct().CountAsync()));
        var ethiopia = await FindAsync(app, 57, 109); // line 225: 109,1989,1,57,Ethiopia,ETH,2716.0,0.0,0.0,4.0,0.0,0.0
        Assert.Equal((1989, 1, "ETH", "Ethiopia", 2716, 0, 0, 4, 0, 0),
            (ethiopia.Year, ethiopia.Month, ethiopia.Iso3, ethiopia.CountryName, ethiopia.GedBestSb, ethiopia.GedBestNs, ethiopia.GedBestOs,
                ethiopia.GedCountSb!.Value, ethiopia.GedCountNs!.Value, ethiopia.GedCountOs!.Value));
        var syria = await FindAsync(app, 220, 386); // line 52750: 386,2012,2,220,Syria,SYR,1617.0,0.0,160.0,292.0,0.0,31.0
        Assert.Equal((2012, 2, "SYR", 1617, 0, 160, 292, 0, 31),
            (syria.Year, syria.Month, syria.Iso3, syria.GedBestSb, syria.GedBestNs, syria.GedBestOs, syria.GedCountSb!.Value, syria.GedCountNs!.Value, syria.GedCountOs!.Value));
        var congo = await FindAsync(app, 167, 108); // a quoted name: "Congo, DRC"
        Assert.Equal(("Congo, DRC", "COD"), (congo.CountryName, congo.Iso3));
        Assert.Null((await FindAsync(app, 186, 108)).Iso3); // no isoab in the file
        // One audit row per committed batch of 5,000: 15 batches.
        Assert.Equal(15, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.CountryMonthsImported)));

        clock.Restart();
        var again = Succeeded(await ImportAsync(app, RealFile));
        output.WriteLine($"{provider}: re-import in {clock.Elapsed.TotalSeconds:N1} s");
        Assert.Equal((72652L, 0L, 0L, 72652L, 0L), (again.Read, again.Inserted, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(15, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.CountryMonthsImported)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_newer_file_updates_only_the_changed_rows(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lines = File.ReadLines(RealFile).Take(301).ToArray(); // header + 300 rows, line 225 = Ethiopia 1989-01
        Assert.Equal((300L, 0L), (Succeeded(await ImportAsync(app, Write("first.csv", lines), batchSize: 100)).Inserted, 0L));

        lines[224] = "109,1989,1,57,Ethiopia,ETH,2800.0,3.0,0.0,5.0,1.0,0.0";
        var newer = Succeeded(await ImportAsync(app, Write("newer.csv", lines.Append("109,1989,1,999,Atlantis,ATL,1.0,0.0,0.0,1.0,0.0,0.0")), batchSize: 100));

        Assert.Equal((301L, 1L, 1L, 299L, 0L), (newer.Read, newer.Inserted, newer.Updated, newer.Unchanged, newer.Rejected));
        var ethiopia = await FindAsync(app, 57, 109);
        Assert.Equal((2800, 3, 5, 1), (ethiopia.GedBestSb, ethiopia.GedBestNs, ethiopia.GedCountSb!.Value, ethiopia.GedCountNs!.Value));
        Assert.Equal(301, await app.WithDbAsync(db => db.Set<CountryMonth>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_without_required_columns_is_refused_before_anything_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var path = Write("short.csv", ["month_id,year,month,country_id,isoab,ged_best_ns", "109,1989,1,57,ETH,0.0"]);

        var result = await ImportAsync(app, path);

        Assert.False(result.Succeeded);
        Assert.Contains("ged_best_sb, ged_best_os", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CountryMonth>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.CountryMonthsImported)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_rows_are_rejected_with_their_line_and_the_good_ones_imported(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var path = Write("bad.csv", [
            Header,
            "109,1989,1,57,Ethiopia,ETH,2716.0,0.0,0.0,4.0,0.0,0.0", // 2 good
            "109,1989,1,58,Somalia,SOM,many,0.0,0.0,0.0,0.0,0.0", // 3 not a number
            "0,1979,12,57,Ethiopia,ETH,1.0,0.0,0.0,1.0,0.0,0.0", // 4 month id out of range
            "99999,9999,1,57,Ethiopia,ETH,1.0,0.0,0.0,1.0,0.0,0.0", // 5 month id in the future
            "109,1989,1,57,Ethiopia,ETH,1.0,0.0,0.0,1.0,0.0,0.0", // 6 duplicate of line 2
            "110,1989,3,57,Ethiopia,ETH,1.0,0.0,0.0,1.0,0.0,0.0", // 7 month disagrees with month_id
            "110,1989,2,57,Ethiopia,ETH,-1.0,0.0,0.5,1.0,0.0,0.0", // 8 negative and fractional
            "110,1989,2,58,Somalia,SOM,1.0", // 9 truncated
            "110,1989,2,59,Kenya,KEN,7.0,0.0,0.0,2.0,0.0,0.0", // 10 good
        ]);

        var summary = Succeeded(await ImportAsync(app, path));

        Assert.Equal((9L, 2L, 7L), (summary.Read, summary.Inserted, summary.Rejected));
        var rejects = File.ReadAllLines(summary.RejectsPath);
        Assert.Equal("line,external_id,reason", rejects[0]);
        Assert.Equal(["3", "4", "5", "6", "7", "8", "9"], rejects.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("ged_best_sb 'many' is not a number", rejects[1], StringComparison.Ordinal);
        Assert.Contains("month_id 0 is out of range", rejects[2], StringComparison.Ordinal);
        Assert.Contains("month_id 99999 is out of range", rejects[3], StringComparison.Ordinal);
        Assert.Contains("already on line 2", rejects[4], StringComparison.Ordinal);
        Assert.Contains("disagree with month_id 110", rejects[5], StringComparison.Ordinal);
        Assert.Contains("ged_best_sb -1.0 is not a whole number", rejects[6], StringComparison.Ordinal);
        Assert.Contains("ged_best_os 0.5 is not a whole number", rejects[6], StringComparison.Ordinal);
        Assert.Contains("fields where the header has 12", rejects[7], StringComparison.Ordinal);
        Assert.Equal(2716, (await FindAsync(app, 57, 109)).GedBestSb);
        Assert.Equal(7, (await FindAsync(app, 59, 110)).GedBestSb);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CountryMonth>().CountAsync()));
    }
}
