using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting;
using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Missions;
using Amani.Analysis.Forecasting.Models;
using Amani.Register.Imports;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>
/// Forecasts kept per mission: made from the country-month table and from incidents by admin-1 area, served per area
/// and month, and scored once the month's data have arrived.
/// </summary>
public sealed class MissionForecastTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-mission-forecasts-");

    public void Dispose() => _directory.Delete(recursive: true);

    private const int CentralAfricanRepublic = 70;

    /// <summary>The real country-months of the 54 African countries, from <paramref name="from"/> to <paramref name="to"/> (month ids).</summary>
    private string CountryMonths(int from, int to)
    {
        var path = Path.Combine(_directory.FullName, $"cm-{from}-{to}.csv");
        var lines = File.ReadLines(ForecastData.RealFile).ToList();
        File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Where(line =>
        {
            var fields = line.Split(',');
            var month = int.Parse(fields[0], CultureInfo.InvariantCulture);
            return EvaluationWindow.Views2020Countries.Contains(fields[3]) && month >= from && month <= to;
        })));
        return path;
    }

    private static Task ImportAsync(TestApp app, string path) => app.WithScopeAsync(async services =>
    {
        var result = await services.GetRequiredService<CountryMonthImporter>().ImportAsync(path,
            new ImportOptions { RejectsPath = path + ".rejects.csv" }, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return 0;
    });

    private static Task<IReadOnlyList<ForecastGenerator.Outcome>> GenerateAsync(TestApp app, int? cutoff = null) => app.WithScopeAsync(async services =>
    {
        var mission = await services.GetRequiredService<AmaniDbContext>().Missions.SingleAsync(m => m.Code == TestMission.Code);
        return await services.GetRequiredService<ForecastGenerator>().GenerateAsync(mission, cutoff, CancellationToken.None);
    });

    private static Task<int> ScoreAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var mission = await services.GetRequiredService<AmaniDbContext>().Missions.SingleAsync(m => m.Code == TestMission.Code);
        return await services.GetRequiredService<ForecastScorer>().ScoreAsync(mission, CancellationToken.None);
    });

    private static async Task<JsonElement> OkJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The server without its hourly forecast pass (the tests run the generator and scorer themselves).</summary>
    private static Task<TestApp> StartAsync(DatabaseProvider provider) =>
        TestApp.StartAsync(provider, services: s => s.AddSingleton(new ForecastSettings { IntervalMinutes = 0 }));

    private static string Forecasts(string query = "") => $"/api/v1/missions/{TestMission.Code}/forecasts{query}";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Country_forecasts_are_stored_with_version_and_cut_off_served_by_month_and_scored_when_the_data_arrive(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await TestMission.CreateAsync(app);
        var reader = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        await ImportAsync(app, CountryMonths(108, 480)); // up to December 2019

        var outcomes = await GenerateAsync(app);
        var country = outcomes.Single(o => o.Kind == ForecastUnitKind.Country);
        Assert.Equal((480, 5 * 12, (string?)null), (country.Cutoff, country.Stored, country.Skipped));
        Assert.Contains("no admin-1 areas with public incidents", outcomes.Single(o => o.Kind == ForecastUnitKind.Admin1).Skipped);
        Assert.Equal(0, (await GenerateAsync(app)).Sum(o => o.Stored)); // idempotent
        var stored = await app.WithDbAsync(db => db.Set<StoredForecast>().AsNoTracking().ToListAsync());
        Assert.Equal(60, stored.Count);
        Assert.All(stored, f => Assert.Equal((ForecastUnitKind.Country, "CAF", 480, 480 + f.Step), (f.UnitKind, f.UnitKey, f.CutoffMonth, f.TargetMonth)));
        Assert.Equal(new GradientBoostedModel().Version, stored.First(f => f.Model == "gbm").ModelVersion);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.ForecastsGenerated)));

        // One month: one forecast per model, from the latest cut-off.
        var february = await OkJsonAsync(reader, Forecasts("?month=2020-02"));
        Assert.Equal(("country", "CAF", "2019-12", "2020-01", "2020-12"), (february.GetProperty("unitKind").GetString(), february.GetProperty("unitKey").GetString(),
            february.GetProperty("latestCutoffMonth").GetString(), february.GetProperty("firstMonth").GetString(), february.GetProperty("lastMonth").GetString()));
        var models = february.GetProperty("forecasts").EnumerateArray().ToList();
        Assert.Equal(ForecastModels.Names, models.Select(f => f.GetProperty("model").GetString()));
        var gbm = models.Single(f => f.GetProperty("model").GetString() == "gbm");
        Assert.Equal(("2019-12", "2020-02", 2), (gbm.GetProperty("cutoffMonth").GetString(), gbm.GetProperty("month").GetString(), gbm.GetProperty("step").GetInt32()));
        var p = gbm.GetProperty("probabilities");
        Assert.True(p.GetProperty("atLeast1").GetDouble() >= p.GetProperty("atLeast25").GetDouble());
        Assert.True(gbm.GetProperty("quantiles").GetProperty("q05").GetDouble() <= gbm.GetProperty("quantiles").GetProperty("q95").GetDouble());
        Assert.Equal(JsonValueKind.Null, gbm.GetProperty("outcome").ValueKind);
        // No month: the latest cut-off's twelve months; the country's level-0 area is the same unit.
        Assert.Equal(60, (await OkJsonAsync(reader, Forecasts())).GetProperty("forecasts").GetArrayLength());
        Assert.Equal(60, (await OkJsonAsync(reader, Forecasts("?area=CF"))).GetProperty("forecasts").GetArrayLength());
        Assert.Equal(12, (await OkJsonAsync(reader, Forecasts("?model=gbm"))).GetProperty("forecasts").GetArrayLength());

        // The target months arrive: January–August 2020 are scored, September–December are not yet.
        await ImportAsync(app, CountryMonths(481, 488));
        Assert.Equal(8 * 5, await ScoreAsync(app));
        Assert.Equal(0, await ScoreAsync(app));
        var march = (await OkJsonAsync(reader, Forecasts("?month=2020-03&model=no-change"))).GetProperty("forecasts")[0];
        var sb = ForecastData.Panel.Find(CentralAfricanRepublic.ToString(CultureInfo.InvariantCulture))!;
        var observed = sb.Through(483)[^1].DeathsSb;
        var y = Math.Log(1 + observed) - Math.Log(1 + sb.Through(480)[^1].DeathsSb);
        Assert.Equal(observed, march.GetProperty("outcome").GetProperty("deaths").GetDouble());
        Assert.Equal(y * y, march.GetProperty("outcome").GetProperty("squaredError").GetDouble(), 9);
        Assert.Equal(ForecastMetrics.TaddaTerm(y, 0), march.GetProperty("outcome").GetProperty("tadda").GetDouble(), 9);

        var accuracy = await OkJsonAsync(reader, Forecasts("/accuracy"));
        var records = accuracy.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(ForecastModels.Names, records.Select(r => r.GetProperty("model").GetString()));
        var noChange = records.Single(r => r.GetProperty("model").GetString() == "no-change");
        var expected = Enumerable.Range(481, 8).Average(t => Math.Pow(Math.Log(1 + sb.Through(t)[^1].DeathsSb) - Math.Log(1 + sb.Through(480)[^1].DeathsSb), 2));
        Assert.Equal(8, noChange.GetProperty("scored").GetInt32());
        Assert.Equal(expected, noChange.GetProperty("meanSquaredError").GetDouble(), 9);
        Assert.Equal(("2020-01", "2020-08"), (noChange.GetProperty("firstMonth").GetString(), noChange.GetProperty("lastMonth").GetString()));
        Assert.Equal(8, noChange.GetProperty("byStep").GetArrayLength());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.ForecastsScored)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_requests_get_404_400_or_422_naming_the_problem(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        await app.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<AreaRules>().AddAsync(mission,
                new CreateAreaRequest("CF.AA.01", "A district", 2, TestMission.Province, null, null, null), CancellationToken.None);
            return await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        });
        var reader = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));

        // Before any data: too little history, for the country and for an admin-1 area.
        var noData = await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts()), (HttpStatusCode)422, "insufficient-history");
        Assert.Contains("no country-month data for CAF", noData.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts($"?area={TestMission.Province}")), (HttpStatusCode)422, "insufficient-history");

        await ImportAsync(app, CountryMonths(420, 480)); // five years: enough for the panel, and stored forecasts to ask about
        await GenerateAsync(app);
        await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts("?area=CF.ZZ")), HttpStatusCode.NotFound, "not-found");
        var district = await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts("?area=CF.AA.01")), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("level-2 area", district.GetProperty("detail").GetString());
        var beyond = await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts("?month=2021-01")), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("beyond the forecast horizon", beyond.GetProperty("detail").GetString());
        Assert.Contains("from 2020-01 to 2020-12", beyond.GetProperty("detail").GetString());
        var before = await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts("?month=2019-05")), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("from 2020-01 to 2020-12", before.GetProperty("detail").GetString());
        foreach (var month in new[] { "2020-13", "2020-1", "May 2020", "2020-02-01" })
            await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts($"?month={Uri.EscapeDataString(month)}")), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts("?model=oracle")), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts("/accuracy?kind=province")), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await reader.GetAsync("/api/v1/missions/NOPE/forecasts"), HttpStatusCode.NotFound, "not-found");

        // A mission the caller has no role in does not exist for them.
        await app.WithScopeAsync(services => services.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest("BETA", "Beta", "CAF", null), CancellationToken.None));
        await ProblemAssert.IsProblemAsync(await reader.GetAsync("/api/v1/missions/BETA/forecasts"), HttpStatusCode.NotFound, "not-found");
    }

    /// <summary>Public, verified battles with <paramref name="deaths"/> deaths in <paramref name="area"/>, in the month <paramref name="monthsAgo"/> before this one.</summary>
    private static Incident Battle(Guid missionId, Guid area, DateTime now, int monthsAgo, int deaths, Confidentiality confidentiality = Confidentiality.Public,
        IncidentStatus status = IncidentStatus.Verified, string category = "battles.armed-clash")
    {
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-monthsAgo).AddDays(9);
        return new Incident
        {
            MissionId = missionId, Source = IncidentSource.Imported, CategoryCode = category, OccurredFrom = month, OccurredUntil = month,
            OccurredPrecision = DatePrecision.Day, ReportedAt = month, AreaId = area, FatalitiesBest = deaths, Description = "Battle",
            Confidentiality = confidentiality, Confidence = Confidence.Confirmed, Status = status, CreatedAt = now, UpdatedAt = now,
        };
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Admin1_series_come_from_public_incidents_of_each_province_and_their_forecasts_are_scored_a_month_later(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var (district, other) = await app.WithScopeAsync(async services =>
        {
            var areas = services.GetRequiredService<AreaRules>();
            var d = (await areas.AddAsync(mission, new CreateAreaRequest("CF.AA.01", "A district", 2, TestMission.Province, null, null, null), CancellationToken.None)).Value!;
            var o = (await areas.AddAsync(mission, new CreateAreaRequest("CF.BB", "Another province", 1, "CF", null, null, null), CancellationToken.None)).Value!;
            await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
            return (d.Id, o.Id);
        });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            for (var ago = 1; ago <= 60; ago++)
            {
                db.Add(Battle(mission.Id, district, now, ago, deaths: ago % 3 == 0 ? 12 : 2)); // counts in CF.AA
                if (ago % 4 == 0)
                    db.Add(Battle(mission.Id, other, now, ago, deaths: 30));
            }
            db.Add(Battle(mission.Id, district, now, 1, 500, confidentiality: Confidentiality.Restricted)); // not in aggregates
            db.Add(Battle(mission.Id, district, now, 1, 700, status: IncidentStatus.Rejected));
            db.Add(Battle(mission.Id, district, now, 1, 900, category: "protests.peaceful-protest"));      // not violence
            db.Add(Battle(mission.Id, district, now, 0, 40));                                             // this month: not complete
            db.Add(Battle(mission.Id, other, now, 2, 5, category: "violence-against-civilians.attack"));  // one-sided
            services.GetRequiredService<AuditLog>().Record(AuditAction.IncidentsImported, Incident.AuditEntity, null, "Test battles.");
            await db.SaveChangesAsync();
            return 0;
        });

        var series = await app.WithScopeAsync(services => services.GetRequiredService<Admin1MonthSeries>().LoadAsync(mission, CancellationToken.None));
        var lastMonth = CountryMonth.MonthIdOf(now.Year, now.Month) - 1;
        Assert.Equal(lastMonth, series.LastCompleteMonth);
        Assert.Equal([TestMission.Province, "CF.BB"], series.Units.Select(u => u.Key));
        var province = series.Panel.Find(TestMission.Province)!;
        Assert.Equal((lastMonth - 59, lastMonth), (province.FirstMonth, province.LastMonth));
        Assert.Equal(2, province.Through(lastMonth)[^1].DeathsSb);      // one month ago: 2, the restricted, rejected and protest ones left out
        Assert.Equal(12, province.Through(lastMonth - 2)[^1].DeathsSb); // three months ago
        var second = series.Panel.Find("CF.BB")!.Through(lastMonth - 1)[^1];
        Assert.Equal((0.0, 5.0), (second.DeathsSb, second.DeathsOs));

        var outcome = (await GenerateAsync(app)).Single(o => o.Kind == ForecastUnitKind.Admin1);
        Assert.Equal((lastMonth, 2 * 5 * 12), (outcome.Cutoff, outcome.Stored));
        var reader = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var next = ForecastMonths.Format(lastMonth + 1);
        var forecasts = await OkJsonAsync(reader, Forecasts($"?area={TestMission.Province}&month={next}"));
        Assert.Equal(("admin1", TestMission.Province, TestMission.Province, 1), (forecasts.GetProperty("unitKind").GetString(), forecasts.GetProperty("unitKey").GetString(),
            forecasts.GetProperty("area").GetProperty("pCode").GetString(), forecasts.GetProperty("area").GetProperty("level").GetInt32()));
        var noChange = forecasts.GetProperty("forecasts").EnumerateArray().Single(f => f.GetProperty("model").GetString() == "no-change");
        Assert.Equal(2, noChange.GetProperty("originDeaths").GetDouble());
        Assert.Equal(1.0, noChange.GetProperty("probabilities").GetProperty("atLeast1").GetDouble());

        // A month later, the forecasts for the month that has now ended are scored (2 areas × 5 models).
        app.Clock.Advance(new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).AddDays(14) - now); // the middle of next month
        Assert.Equal(2 * 5, await ScoreAsync(app));
        reader = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code)); // the session of a month ago has expired
        var accuracy = await OkJsonAsync(reader, Forecasts("/accuracy?kind=admin1"));
        Assert.All(accuracy.GetProperty("models").EnumerateArray(), m => Assert.Equal(2, m.GetProperty("scored").GetInt32()));
        Assert.Equal(5, accuracy.GetProperty("models").GetArrayLength());
        // The new month is the next cut-off: the schedule's pass makes its forecasts.
        await app.Services.GetRequiredService<ForecastScheduler>().PassAsync(CancellationToken.None);
        Assert.Equal(2 * 2 * 5 * 12, await app.WithDbAsync(db => db.Set<StoredForecast>().CountAsync(f => f.UnitKind == ForecastUnitKind.Admin1)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_admin1_area_with_a_short_history_gets_422_with_the_months_it_has(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var province = await app.WithDbAsync(db => db.AdminAreas.SingleAsync(a => a.PCode == TestMission.Province));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            for (var ago = 1; ago <= 5; ago++)
                db.Add(Battle(mission.Id, province.Id, now, ago, 3));
            services.GetRequiredService<AuditLog>().Record(AuditAction.IncidentsImported, Incident.AuditEntity, null, "Test battles.");
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Contains("Too little history", (await GenerateAsync(app)).Single(o => o.Kind == ForecastUnitKind.Admin1).Skipped);

        var reader = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var problem = await ProblemAssert.IsProblemAsync(await reader.GetAsync(Forecasts($"?area={TestMission.Province}&month=2030-01")),
            (HttpStatusCode)422, "insufficient-history");
        Assert.Contains("the data have 5 month(s)", problem.GetProperty("detail").GetString());
        Assert.Contains("at least 36", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<StoredForecast>().CountAsync()));
    }
}
