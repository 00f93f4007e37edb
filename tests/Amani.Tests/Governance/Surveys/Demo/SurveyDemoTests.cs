using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amani.Foundation.Demo;
using Amani.Governance.Results;
using Amani.Governance.Results.Computation;
using Amani.Governance.Results.Values;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Demo;
using Amani.Governance.Surveys.Forms;
using Amani.Governance.Surveys.OpenRosa;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Demo;

/// <summary>
/// The demo's perception survey: seeded with the demo mission, two rounds of about 600 invented respondents each whose
/// submissions are what ODK Collect would send for the imported form, the 2022 round analysed by prefecture (staff) and
/// published with its small stratum suppressed (public), and the results indicator computed from its measure with a
/// value and a 95 % interval for 2021 and 2022.
/// </summary>
public sealed class SurveyDemoTests
{
    private const string Question = SurveyDemoForm.SafeNight, Safe = "very_safe,safe";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_demo_seeds_a_perception_survey_whose_rounds_feed_an_indicator_with_intervals(DatabaseProvider provider)
    {
        // `serve` seeds the demo before the background services start; without the results computation's, as there.
        await using var app = await TestApp.StartAsync(provider, services: s => s.Remove(s.Single(d => d.ImplementationType == typeof(ResultsComputeService))));

        var seeded = await app.WithScopeAsync(s => s.GetRequiredService<DemoSeeder>()
            .SeedAsync(Path.Combine(AppContext.BaseDirectory, "SampleData"), CancellationToken.None));

        Assert.Contains("a perception survey of 2 rounds (1,227 invented respondents)", string.Join(" | ", seeded!.Contributed!));
        var (survey, form, rounds) = await app.WithDbAsync(async db =>
        {
            var survey = await db.Set<Survey>().AsNoTracking().SingleAsync();
            var form = await db.Set<SurveyForm>().AsNoTracking().SingleAsync(f => f.SurveyId == survey.Id);
            var rounds = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata).Where(r => r.SurveyId == survey.Id)
                .OrderBy(r => r.FieldworkStart).ToListAsync();
            return (survey, form, rounds);
        });
        Assert.Equal(SurveyDemoForm.Title, survey.Name);
        Assert.Contains("Invented for the demo", survey.Description);
        Assert.Equal([2021, 2022], rounds.Select(r => r.FieldworkEnd.Year));
        Assert.All(rounds, r => Assert.Contains("Invented for the demo", r.Description));
        Assert.Equal([false, true], rounds.Select(r => r.Published));

        await AssertSubmissionsAreValidAsync(app, form, rounds);

        // Staff: the 2022 round by prefecture, every stratum estimated with its interval (Haute-Kotto under the minimum).
        var analyst = await SignInAsync(app, seeded, Amani.Platform.Access.Role.Analyst);
        var latest = rounds[1];
        var staff = await GetJsonAsync(analyst,
            $"/api/v1/missions/{DemoSeeder.MissionCode}/surveys/{survey.Id}/rounds/{latest.Id}/analysis?question={Question}&by=area&choice={Safe}");
        var cells = staff.GetProperty("estimates").EnumerateArray().ToDictionary(Area);
        Assert.Equal(latest.Strata.Select(s => s.Pcode).Order(), cells.Keys.Order());
        Assert.All(cells.Values, c => Assert.True(c.GetProperty("lower").GetDouble() < c.GetProperty("value").GetDouble()
                                                  && c.GetProperty("value").GetDouble() < c.GetProperty("upper").GetDouble()));
        Assert.True(cells["CF.HK"].GetProperty("belowMinimum").GetBoolean());
        Assert.InRange(staff.GetProperty("design").GetProperty("respondents").GetInt32(), 550, 650);

        // Plausible: Ouham improves from 2021 to 2022, Ouaka worsens.
        var before = await GetJsonAsync(analyst,
            $"/api/v1/missions/{DemoSeeder.MissionCode}/surveys/{survey.Id}/rounds/{rounds[0].Id}/analysis?question={Question}&by=area&choice={Safe}");
        double Share(JsonElement analysis, string area) => analysis.GetProperty("estimates").EnumerateArray()
            .Single(e => Area(e) == area).GetProperty("value").GetDouble();
        Assert.True(Share(staff, "CF.AC") > Share(before, "CF.AC"));
        Assert.True(Share(staff, "CF.UK") < Share(before, "CF.UK"));

        // Public: the published round by prefecture, Haute-Kotto (27 respondents at most) suppressed.
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var published = await GetJsonAsync(anonymous,
            $"/api/v1/public/missions/{DemoSeeder.MissionCode}/surveys/rounds/{latest.Id}/analysis?question={Question}&by=area&choice={Safe}");
        var shown = published.GetProperty("estimates").EnumerateArray().ToDictionary(e => e.GetProperty("area").GetString()!);
        Assert.True(shown["CF.HK"].GetProperty("suppressed").GetBoolean());
        Assert.False(shown["CF.BG"].GetProperty("suppressed").GetBoolean());

        // The indicator: 2021 (its baseline) and 2022, each with its interval, for the mission and the prefectures.
        await app.WithDbAsync(async db =>
        {
            var indicator = await db.Set<Indicator>().AsNoTracking().SingleAsync(i => i.Code == "POC-SAFE-NIGHT");
            Assert.Equal("surveys.feel-safe-at-night", indicator.MeasureKey);
            var values = await db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == indicator.Id && v.Disaggregation == "").ToListAsync();
            var whole = values.Where(v => v.AreaCode == "").OrderBy(v => v.Period).ToList();
            Assert.Equal(["2021", "2022"], whole.Select(v => v.Period));
            Assert.All(whole, v => Assert.True(v.Computed && v.IntervalLow < v.Value && v.Value < v.IntervalHigh, $"{v.Period}: {v.IntervalLow} {v.Value} {v.IntervalHigh}"));
            var ouaka = values.Single(v => v.AreaCode == "CF.UK" && v.Period == "2022");
            Assert.True(ouaka.IntervalLow < ouaka.Value && ouaka.Value < ouaka.IntervalHigh);
            var baseline = await db.Set<IndicatorTarget>().AsNoTracking().SingleAsync(t => t.IndicatorId == indicator.Id && t.Kind == TargetKind.Baseline);
            Assert.Equal(("2021", Math.Round(whole[0].Value, 1)), (baseline.Period, baseline.Value));
            return 0;
        });
    }

    /// <summary>
    /// Every submission is what a phone sends for the form: the form's id and version on the root, a unique
    /// <c>uuid:</c> instanceID, the hash of its XML, every select answer one of the form's choices, received during its
    /// round's fieldwork; each audited as received.
    /// </summary>
    private static async Task AssertSubmissionsAreValidAsync(TestApp app, SurveyForm form, IReadOnlyList<SurveyRoundRecord> rounds) => await app.WithDbAsync(async db =>
    {
        var version = await db.Set<FormVersion>().AsNoTracking().SingleAsync(v => v.FormId == form.Id);
        var selects = JsonSerializer.Deserialize<FormInfo>(version.InfoJson)!.Fields.Where(f => f.Type is "select_one" or "select_multiple")
            .ToDictionary(f => Amani.Governance.Surveys.XFormPaths.RelativePath(f.Path), f => f.Choices.Select(c => c.Name).ToHashSet());
        var submissions = await db.Set<Submission>().AsNoTracking().Where(s => s.FormId == form.Id).ToListAsync();
        foreach (var round in rounds)
        {
            var (from, to) = (round.FieldworkStart.ToDateTime(TimeOnly.MinValue), round.FieldworkEnd.AddDays(1).ToDateTime(TimeOnly.MinValue));
            Assert.InRange(submissions.Count(s => s.ReceivedAt >= from && s.ReceivedAt < to), 550, 650);
        }
        Assert.Equal(1227, submissions.Count);
        Assert.Equal(submissions.Count, submissions.Select(s => s.InstanceId).Distinct().Count());
        foreach (var submission in submissions)
        {
            var (root, problem) = SubmissionReader.Parse(Encoding.UTF8.GetBytes(submission.Xml));
            Assert.True(root is not null, problem);
            Assert.Equal((form.XmlFormId, version.Version, submission.InstanceId), ((string?)root.Attribute("id"), (string?)root.Attribute("version"),
                root.Element("meta")?.Element("instanceID")?.Value));
            Assert.StartsWith("uuid:", submission.InstanceId);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(submission.Xml))), submission.XmlHash);
            Assert.Equal((version.Id, true, ReviewState.Received), (submission.VersionId, submission.Complete, submission.ReviewState));
            foreach (var (path, choices) in selects)
                if (root.XPathSelect(path) is { Length: > 0 } answer)
                    Assert.All(answer.Split(' '), a => Assert.Contains(a, choices));
        }
        var received = AuditAction.SubmissionReceived.Code;
        Assert.Equal(submissions.Count, await db.AuditEntries.CountAsync(a => a.ActionCode == received));
        return 0;
    });

    private static string Area(JsonElement staffEstimate) => staffEstimate.GetProperty("domain").GetProperty("area").GetString()!;

    private static async Task<HttpClient> SignInAsync(TestApp app, DemoSeeder.Seeded seeded, Amani.Platform.Access.Role role)
    {
        var email = seeded.Accounts.Single(a => a.Role == role).Email;
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return await app.SignInAsync(new TestUser(id, email, seeded.Password));
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var answer = await client.GetAsync(url);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal static class ElementPaths
{
    /// <summary>The text of the element at a path below the root (<c>safety/safe_night</c>), or null.</summary>
    public static string? XPathSelect(this System.Xml.Linq.XElement root, string path) =>
        path.Split('/').Aggregate((System.Xml.Linq.XElement?)root, (e, name) => e?.Element(name))?.Value;
}
