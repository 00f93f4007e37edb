using Amani.Foundation.Missions;
using Amani.Analysis.Alerts;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Analysis.Forecasting;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>Forecast alert rules read the stored forecasts: the learned model's newest, for the country or the admin-1 area.</summary>
public sealed class StoredForecastProbabilitiesTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_newest_learned_forecast_answers_for_the_country_the_province_and_a_district_inside_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var province = await app.WithDbAsync(db => db.AdminAreas.SingleAsync(a => a.PCode == TestMission.Province));
        var district = await app.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<AreaRules>().AddAsync(mission,
                new CreateAreaRequest("CF.AA.01", "Bimbo", 2, TestMission.Province, null, null, null), CancellationToken.None);
            var db = services.GetRequiredService<AmaniDbContext>();
            await db.SaveChangesAsync();
            return await db.AdminAreas.SingleAsync(a => a.PCode == "CF.AA.01");
        });
        StoredForecast Forecast(ForecastUnitKind kind, Guid? area, string model, int cutoff, double p25) => new()
        {
            MissionId = mission.Id, UnitKind = kind, UnitKey = kind == ForecastUnitKind.Country ? "CAF" : TestMission.Province, AreaId = area,
            Model = model, ModelVersion = model + " test", CutoffMonth = cutoff, TargetMonth = 500, Step = 500 - cutoff, P1 = 0.9, P25 = p25, P100 = 0.1,
        };
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            db.AddRange(Forecast(ForecastUnitKind.Country, null, "gbm", 497, 0.30), Forecast(ForecastUnitKind.Country, null, "gbm", 499, 0.40),
                Forecast(ForecastUnitKind.Country, null, "no-change", 499, 0.99), Forecast(ForecastUnitKind.Admin1, province.Id, "gbm", 499, 0.55));
            services.GetRequiredService<AuditLog>().Record(AuditAction.ForecastsGenerated, Mission.AuditEntity, mission.Id, "Test forecasts.");
            return await db.SaveChangesAsync();
        });

        var (country, ofProvince, ofDistrict, otherMonth) = await app.WithScopeAsync(async services =>
        {
            var probabilities = services.GetRequiredService<IForecastProbabilities>();
            return (await probabilities.LatestAsync(mission.Id, null, 500, Amani.Analysis.Alerts.ForecastOutcome.AtLeast25Deaths, CancellationToken.None),
                await probabilities.LatestAsync(mission.Id, province.Id, 500, Amani.Analysis.Alerts.ForecastOutcome.AtLeast25Deaths, CancellationToken.None),
                await probabilities.LatestAsync(mission.Id, district.Id, 500, Amani.Analysis.Alerts.ForecastOutcome.AtLeast100Deaths, CancellationToken.None),
                await probabilities.LatestAsync(mission.Id, null, 501, Amani.Analysis.Alerts.ForecastOutcome.AtLeast25Deaths, CancellationToken.None));
        });

        Assert.Equal(0.40, country!.Probability); // the newest cut-off of the learned model, not the no-change reference
        Assert.Equal(0.55, ofProvince!.Probability);
        Assert.Equal(0.1, ofDistrict!.Probability); // a district reads its province's forecast
        Assert.Null(otherMonth); // no forecast for that month: the rule does not fire, and says why
    }
}
