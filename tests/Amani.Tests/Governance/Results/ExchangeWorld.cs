using Amani.Foundation.Missions;
using Amani.Governance.Results;
using Amani.Governance.Results.Values;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// The mission ALPHA (<see cref="TestMission"/>: the country CF at level 0, the prefecture CF.AA at level 1) with four
/// indicators, stored directly (with their audit rows) since the indicator API is built elsewhere: a monthly count by
/// prefecture split by sex, a quarterly mission-wide percentage, a yearly mission-wide sum, and a computed count.
/// </summary>
public static class ExchangeWorld
{
    public const string Killed = "CIV-KILLED";
    public const string Answered = "REP-ANSWERED";
    public const string Budget = "BUDGET";
    public const string Computed = "INC-COUNT";

    /// <summary>The audit code of entered values (<c>IndicatorValuesEntered</c>).</summary>
    public const int ValuesEntered = 4006;

    public static async Task<Mission> CreateAsync(TestApp app)
    {
        var mission = await TestMission.CreateAsync(app);
        await AddIndicatorsAsync(app, mission.Id);
        return mission;
    }

    public static Task AddIndicatorsAsync(TestApp app, Guid missionId) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        Indicator[] indicators =
        [
            new() { MissionId = missionId, Code = Killed, Name = "Civilians killed", Unit = "people", Type = IndicatorType.Count,
                Direction = IndicatorDirection.LowerIsBetter, Frequency = IndicatorFrequency.Monthly, AreaLevel = 1, Disaggregations = "sex" },
            new() { MissionId = missionId, Code = Answered, Name = "Reports answered in 7 days", Unit = "%", Type = IndicatorType.Percentage,
                Direction = IndicatorDirection.HigherIsBetter, Frequency = IndicatorFrequency.Quarterly },
            new() { MissionId = missionId, Code = Budget, Name = "Money disbursed", Unit = "USD", Type = IndicatorType.Sum,
                Direction = IndicatorDirection.HigherIsBetter, Frequency = IndicatorFrequency.Yearly },
            new() { MissionId = missionId, Code = Computed, Name = "Incidents", Unit = "incidents", Type = IndicatorType.Count,
                Direction = IndicatorDirection.LowerIsBetter, Frequency = IndicatorFrequency.Monthly,
                MeasureKey = "test.no-such-measure" }, // computed, but by a measure no source offers: the background computation leaves it without values
        ];
        foreach (var indicator in indicators)
        {
            db.Add(indicator);
            audit.Record(AuditAction.IndicatorCreated, Indicator.AuditEntity, indicator.Id, $"Indicator {indicator.Code} created by the test.");
        }
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>Values of every kind: by area and sex, mission-wide, with numerators, comments and follow-up flags.</summary>
    public static CodedValueInput[] Seed =>
    [
        Line(Killed, new ValueInput("202401", "CF.AA", "sex:female", 3, null, null, "From the field office", true)),
        Line(Killed, new ValueInput("202401", "CF.AA", "sex:male", 5, null, null, null)),
        Line(Killed, new ValueInput("202402", "CF.AA", "", 7, null, null, "=SUM(A1) is not a formula")),
        Line(Answered, new ValueInput("2024Q1", "", "", 62.5, null, null, "Two lines\nof comment")),
        Line(Budget, new ValueInput("2024", "", "", 1250000.75, null, null, null)),
    ];

    public static CodedValueInput Line(string indicator, ValueInput value) => new("seed", indicator, value);

    /// <summary>Enters values as the CLI does (every indicator allowed, nobody as the author).</summary>
    public static Task<ValueBatchResult> EnterAsync(TestApp app, Guid missionId, params CodedValueInput[] lines) =>
        app.WithScopeAsync(services => services.GetRequiredService<ValueRules>().EnterAsync(missionId,
            lines.Select((l, i) => l with { Where = $"seed {i}" }).ToList(), null, (_, _) => true, "the test", CancellationToken.None));

    public static async Task SeedAsync(TestApp app, Guid missionId)
    {
        var result = await EnterAsync(app, missionId, Seed);
        Assert.True(result.Succeeded, string.Join("\n", result.Rejects));
    }

    /// <summary>A value of the computed indicator, as the computation would store it.</summary>
    public static Task AddComputedAsync(TestApp app, Guid missionId, string period, double value) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var indicator = await db.Set<Indicator>().SingleAsync(i => i.MissionId == missionId && i.Code == Computed);
        db.Add(new IndicatorValue
        {
            IndicatorId = indicator.Id, Period = period, PeriodStart = new DateOnly(int.Parse(period[..4]), int.Parse(period[4..]), 1), Value = value,
            Computed = true, EnteredAt = DateTime.UtcNow,
        });
        services.GetRequiredService<AuditLog>().Record(AuditAction.IndicatorsComputed, Indicator.AuditEntity, indicator.Id, "Computed by the test.");
        await db.SaveChangesAsync();
        return 0;
    });

    public static Task ApproveAsync(TestApp app, Guid missionId, string code, string period) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var indicator = await db.Set<Indicator>().SingleAsync(i => i.MissionId == missionId && i.Code == code);
        db.Add(new PeriodApproval { IndicatorId = indicator.Id, Period = period, ApprovedByUserId = Guid.NewGuid(), ApprovedAt = DateTime.UtcNow });
        services.GetRequiredService<AuditLog>().Record(AuditAction.IndicatorPeriodApproved, Indicator.AuditEntity, indicator.Id, $"{period} approved by the test.");
        await db.SaveChangesAsync();
        return 0;
    });

    public static Task<Guid> ReporterAsync(TestApp app, Guid missionId, string code, Guid organizationId) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var indicator = await db.Set<Indicator>().SingleAsync(i => i.MissionId == missionId && i.Code == code);
        db.Add(new IndicatorReporter { IndicatorId = indicator.Id, OrganizationId = organizationId });
        services.GetRequiredService<AuditLog>().Record(AuditAction.IndicatorUpdated, Indicator.AuditEntity, indicator.Id, "Reporter added by the test.");
        await db.SaveChangesAsync();
        return indicator.Id;
    });

    /// <summary>A stored value as the round trip compares it (everything but who entered it and when).</summary>
    public sealed record Stored(string Indicator, string Period, string Area, string Disaggregation, double Value, double? Numerator, double? Denominator,
        string? Comment, bool FollowUp, bool Computed);

    public static Task<List<Stored>> ValuesAsync(AmaniDbContext db, Guid missionId) =>
        (from v in db.Set<IndicatorValue>()
            join i in db.Set<Indicator>() on v.IndicatorId equals i.Id
            where i.MissionId == missionId
            orderby i.Code, v.Period, v.AreaCode, v.Disaggregation
            select new Stored(i.Code, v.Period, v.AreaCode, v.Disaggregation, v.Value, v.Numerator, v.Denominator, v.Comment, v.FollowUp, v.Computed))
        .ToListAsync();

    public static Task<List<Stored>> ValuesAsync(TestApp app, Guid missionId) => app.WithDbAsync(db => ValuesAsync(db, missionId));

    /// <summary>Deletes the mission's entered values (as if they had never been entered), keeping the computed ones.</summary>
    public static Task<int> DeleteEnteredAsync(AmaniDbContext db, Guid missionId) =>
        db.Set<IndicatorValue>().Where(v => !v.Computed && db.Set<Indicator>().Any(i => i.Id == v.IndicatorId && i.MissionId == missionId))
            .ExecuteDeleteAsync();
}
