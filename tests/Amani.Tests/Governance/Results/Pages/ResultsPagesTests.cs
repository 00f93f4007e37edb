using System.Net;
using System.Text.RegularExpressions;
using Amani.Foundation.Organizations;
using Amani.Governance.Results;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>
/// The results pages over HTTP, as a browser without JavaScript uses them: the plan tree with each indicator's status
/// (in English and French), the data-entry grid (all-or-nothing, rejects shown by their row, an approved period
/// read-only), approving and unlocking on the indicator page, and who gets in.
/// </summary>
public sealed class ResultsPagesTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_plan_page_shows_the_tree_with_each_indicators_latest_value_target_and_status_in_English_and_French(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        await app.WithScopeAsync(async services =>
        {
            var safe = await ResultsPageData.CreateIndicatorAsync(services, "SAFE-1", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            var harm = await ResultsPageData.CreateIndicatorAsync(services, "HARM-1", IndicatorType.Count, IndicatorDirection.LowerIsBetter);
            var fresh = await ResultsPageData.CreateIndicatorAsync(services, "NEW-1", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            await ResultsPageData.CreatePlanAsync(services, planner.Id, safe, harm, fresh);
            await ResultsPageData.SetTargetAsync(services, safe, "202403", 100);
            await ResultsPageData.SetTargetAsync(services, harm, "202403", 10, baseline: 30);
            await ResultsPageData.EnterAsync(services, safe, "202403", 120);
            await ResultsPageData.EnterAsync(services, harm, "202403", 25);
            return 0;
        });
        var client = await app.SignInAsync(planner);

        var page = await client.GetStringAsync($"/missions/{TestMission.Code}/results");
        Assert.Contains("Mandate plan 2024", page);
        Assert.Contains("version 1, draft", page);
        foreach (var code in new[] { "P1", "O1", "OC1", "OP1" })
            Assert.Contains($"data-code=\"{code}\"", page);
        Assert.Equal("OnTrack", StatusOf(page, "SAFE-1"));
        Assert.Equal("OffTrack", StatusOf(page, "HARM-1"));
        Assert.Equal("NoData", StatusOf(page, "NEW-1"));
        Assert.Contains("120 events (202403)", page);
        Assert.Contains("Target: 100 events", page);
        Assert.Contains("Version 1 written: Mandate plan 2024.", page);

        var french = WebUtility.HtmlDecode(await client.GetStringAsync($"/missions/{TestMission.Code}/results?culture=fr"));
        Assert.Contains("En bonne voie", french);
        Assert.Contains("En retard", french);
        Assert.Contains("Pas de données", french);
        Assert.Contains("Priorité", french);
        Assert.Contains("version 1, brouillon", french);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/missions/{TestMission.Code}/results?version=7")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_grid_writes_nothing_when_a_row_is_refused_shows_the_refusal_by_its_row_and_an_approved_period_is_read_only(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var indicator = await app.WithScopeAsync(async services =>
        {
            var created = await ResultsPageData.CreateIndicatorAsync(services, "PATROLS", IndicatorType.Count, IndicatorDirection.HigherIsBetter, areaLevel: 1);
            await ResultsPageData.CreatePlanAsync(services, planner.Id, created);
            return created;
        });
        var client = await app.SignInAsync(planner);
        var grid = $"/missions/{TestMission.Code}/results/indicators/{indicator.Id}/enter?period=202403";

        var form = await client.GetStringAsync(grid);
        Assert.Contains("name=\"Lines[0].Value\"", form);
        Assert.Contains("name=\"Lines[1].Value\"", form);
        Assert.Contains($"value=\"{TestMission.Province}\"", form);

        // Row 2 (the province) is not a whole number: refused next to its row, and row 1 is not written either.
        var refused = await client.PostAsync(grid, Form(("", "7", null), (TestMission.Province, "2.5", null)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var answer = await refused.Content.ReadAsStringAsync();
        Assert.Matches(new Regex("id=\"reject-1\">.*counts things: give a whole number", RegexOptions.Singleline), answer);
        Assert.DoesNotContain("id=\"reject-0\"", answer);
        Assert.Contains("Nothing was written: 1 row(s) refused.", answer);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<IndicatorValue>().CountAsync(v => v.IndicatorId == indicator.Id)));

        var saved = await client.PostAsync(grid, Form(("", "7", null), (TestMission.Province, "3", "Checked with the field office")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("written=2", saved.Headers.Location!.OriginalString);
        var stored = await app.WithDbAsync(db => db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == indicator.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(3, stored.Single(v => v.AreaCode == TestMission.Province).Value);
        Assert.Equal("Checked with the field office", stored.Single(v => v.AreaCode == TestMission.Province).Comment);
        Assert.True(stored.Single(v => v.AreaCode == TestMission.Province).FollowUp);
        Assert.Contains("value=\"Checked with the field office\"", await client.GetStringAsync(grid));

        // The planning officer approves the period on the indicator page (no owner: a planning officer approves).
        var page = $"/missions/{TestMission.Code}/results/indicators/{indicator.Id}";
        var approved = await client.PostAsync(page + "?handler=Approve", new FormUrlEncodedContent([new("period", "202403")]));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var detail = await client.GetStringAsync(page);
        Assert.Contains("id=\"indicator-chart\"", detail);
        Assert.Contains("approved (locked)", detail);
        Assert.Matches(new Regex("id=\"area-values\">.*Ombella-M&#x27;Poko.*3 events", RegexOptions.Singleline), detail);

        var locked = await client.GetStringAsync(grid);
        Assert.Contains("id=\"approved-note\"", locked);
        Assert.DoesNotContain("name=\"Lines[0].Value\"", locked);
        var late = await client.PostAsync(grid, Form(("", "9", null)));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(7, await app.WithDbAsync(db => db.Set<IndicatorValue>().Where(v => v.IndicatorId == indicator.Id && v.AreaCode == "").Select(v => v.Value).SingleAsync()));

        // Unlocking needs a reason, said in words; with one the grid opens again.
        var noReason = await client.PostAsync(page + "?handler=Unlock", new FormUrlEncodedContent([new("period", "202403"), new("reason", " ")]));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Say why the period is unlocked", await noReason.Content.ReadAsStringAsync());
        var unlocked = await client.PostAsync(page + "?handler=Unlock", new FormUrlEncodedContent([new("period", "202403"), new("reason", "A late report from Bangui")]));
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Contains("name=\"Lines[0].Value\"", await client.GetStringAsync(grid));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_partner_not_reporting_on_an_indicator_gets_404_and_the_anonymous_are_sent_to_sign_in(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var (indicator, other) = await app.WithScopeAsync(async services =>
        {
            var partner = (await services.GetRequiredService<OrganizationRules>().CreateAsync(
                new CreateOrganizationRequest("Reporting NGO", "RN", OrganizationKind.Ngo, null), CancellationToken.None)).Value!;
            var created = await ResultsPageData.CreateIndicatorAsync(services, "STAFF-ONLY", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            return (created, partner.Id);
        });
        var partnerUser = await app.CreateUserAsync(Role.Partner, TestMission.Code, other);
        var partner = await app.SignInAsync(partnerUser);
        var page = $"/missions/{TestMission.Code}/results/indicators/{indicator.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(page + "/enter")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsync(page + "/enter?period=202403", Form(("", "1", null)))).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<IndicatorValue>().CountAsync()));

        var anonymous = app.CreateClient();
        foreach (var path in new[] { $"/missions/{TestMission.Code}/results", page, page + "/enter" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login?returnUrl=", response.Headers.Location!.OriginalString);
        }
    }

    private static string? StatusOf(string page, string code) =>
        Regex.Match(page, $"data-code=\"{Regex.Escape(code)}\">.*?data-status=\"(\\w+)\"", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : null;

    private static FormUrlEncodedContent Form(params (string Area, string Value, string? Comment)[] rows) =>
        new(rows.SelectMany((r, i) => new KeyValuePair<string, string>[]
        {
            new($"Lines[{i}].Area", r.Area), new($"Lines[{i}].Disaggregation", ""), new($"Lines[{i}].Value", r.Value), new($"Lines[{i}].Comment", r.Comment ?? ""),
        }.Concat(r.Comment is null ? [] : [new($"Lines[{i}].FollowUp", "true")])));
}
