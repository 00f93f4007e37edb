using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Missions;
using Amani.Tests.Platform.Cli;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

[Collection(ConsoleCollection.Name)]
public sealed class ForecastGenerateCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Generate_reports_what_it_made_and_why_not_and_refuses_bad_arguments(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, services: s => s.AddSingleton(new ForecastSettings { IntervalMinutes = 0 }));
        await TestMission.CreateAsync(app);

        var result = await CliRunner.RunAsync(app.Database.Target, "forecast", "generate", "--mission", "alpha");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Country: no forecasts made. There are no country-month data for CAF", result.Out);
        Assert.Contains("Admin1: no forecasts made.", result.Out);
        Assert.Contains("0 forecast(s) scored", result.Out);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<StoredForecast>().CountAsync()));

        var unknown = await CliRunner.RunAsync(app.Database.Target, "forecast", "generate", "--mission", "NOPE");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no mission NOPE", unknown.Error);
        var badMonth = await CliRunner.RunAsync(app.Database.Target, "forecast", "generate", "--mission", "ALPHA", "--cut-off", "2020/08");
        Assert.Equal(1, badMonth.ExitCode);
        Assert.Contains("--cut-off: '2020/08' is not a month", badMonth.Error);
    }
}
