using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Amani.Tests.Register.Reporting.BadInput.IntakeRowCounts;

namespace Amani.Tests.Register.Reporting.BadInput;

/// <summary>
/// Tracking codes that are malformed or unknown: 404 with the same problem (and, within measurement noise, the same time)
/// as each other, nothing written; a guessing run is cut off with 429 and Retry-After.
/// </summary>
public sealed class TrackingCodeBadInputTests(ITestOutputHelper output)
{
    private const string NotFoundDetail = "There is no report with this tracking code.";

    private static readonly string[] Malformed = ["hello", "ABCD-EFGH-JKM", "ABCD-EFGH-JKMN-P", "UUUU-UUUU-UUUU", "ABCD_EFGH_JKMN", new string('A', 200), "ZZZZ ZZZZ ZZZZ Z"];

    private static async Task<(TestApp App, string Code)> StartWithReportAsync(DatabaseProvider provider,
        Func<Amani.Platform.Hosting.AmaniSettings, Amani.Platform.Hosting.AmaniSettings>? configure = null)
    {
        var app = await TestApp.StartAsync(provider, configure);
        await TestMission.CreateAsync(app);
        var submitted = await app.CreateClient().PostAsJsonAsync("/api/v1/reports", new { description = "Road blocked at the bridge" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        return (app, (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!);
    }

    /// <summary>A code of the right shape that no report has (differs from <paramref name="real"/> in its last character).</summary>
    private static string UnknownLike(string real) => real[..^1] + (real[^1] == '0' ? '1' : '0');

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_malformed_tracking_code_gets_404(DatabaseProvider provider)
    {
        var (app, _) = await StartWithReportAsync(provider);
        await using var _app = app;
        var client = app.CreateClient();
        foreach (var code in Malformed)
        {
            var problem = await AssertRefusedAsync(app, () => client.GetAsync($"/api/v1/reports/{code}"), HttpStatusCode.NotFound, "not-found");
            Assert.StartsWith(NotFoundDetail, problem.GetProperty("detail").GetString());
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_well_formed_unknown_tracking_code_gets_the_same_404(DatabaseProvider provider)
    {
        var (app, code) = await StartWithReportAsync(provider);
        await using var _app = app;
        var client = app.CreateClient();
        var unknown = await AssertRefusedAsync(app, () => client.GetAsync($"/api/v1/reports/{UnknownLike(code)}"), HttpStatusCode.NotFound, "not-found");
        var malformed = await AssertRefusedAsync(app, () => client.GetAsync("/api/v1/reports/hello"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(malformed.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/reports/{code}")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Adding_a_message_to_an_unknown_or_malformed_code_gets_404_and_stores_nothing(DatabaseProvider provider)
    {
        var (app, code) = await StartWithReportAsync(provider);
        await using var _app = app;
        var client = app.CreateClient();
        foreach (var target in new[] { UnknownLike(code), "hello", new string('Z', 41) })
            await AssertRefusedAsync(app, () => client.PostAsJsonAsync($"/api/v1/reports/{target}/messages", new { body = "They came back at night." }),
                HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_message_of_2001_characters_is_refused(DatabaseProvider provider)
    {
        var (app, code) = await StartWithReportAsync(provider);
        await using var _app = app;
        var client = app.CreateClient();
        var problem = await AssertRefusedAsync(app, () => client.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = new string('m', 2001) }),
            HttpStatusCode.BadRequest, "validation");
        Assert.NotEmpty(FieldError(problem, "body"));
        await AssertRefusedAsync(app, () => client.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = "" }), HttpStatusCode.BadRequest, "validation");
        await AssertRefusedAsync(app, () => client.PostAsync($"/api/v1/reports/{code}/messages", Amani.Tests.Platform.Problems.BadInput.BadInputClient.Json("""{"body":["a"]}""")),
            HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = new string('m', 2000) })).StatusCode);
    }

    /// <summary>
    /// The lookup runs the same three queries whether or not the code exists, so a guesser cannot tell from the time.
    /// Measured as the median of many interleaved lookups after a warm-up. The machine is shared and loaded, so the
    /// bound is generous: medians within a factor of two of each other, or less than 2 ms apart.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_tracking_code_is_answered_in_the_same_time_as_a_known_one(DatabaseProvider provider)
    {
        var (app, code) = await StartWithReportAsync(provider);
        await using var _app = app;
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = "More: three trucks." })).StatusCode);
        var unknown = UnknownLike(code);

        async Task<double> TimeAsync(string lookup, HttpStatusCode expected)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/api/v1/reports/{lookup}");
            await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            Assert.Equal(expected, response.StatusCode);
            return watch.Elapsed.TotalMilliseconds;
        }

        for (var i = 0; i < 50; i++)
        {
            await TimeAsync(code, HttpStatusCode.OK);
            await TimeAsync(unknown, HttpStatusCode.NotFound);
        }
        var known = new List<double>();
        var missing = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            // Alternate which goes first, so that neither always follows the other.
            if (i % 2 == 0)
            {
                known.Add(await TimeAsync(code, HttpStatusCode.OK));
                missing.Add(await TimeAsync(unknown, HttpStatusCode.NotFound));
            }
            else
            {
                missing.Add(await TimeAsync(unknown, HttpStatusCode.NotFound));
                known.Add(await TimeAsync(code, HttpStatusCode.OK));
            }
        }

        var (knownMedian, missingMedian) = (Median(known), Median(missing));
        output.WriteLine($"{provider}: median known {knownMedian:F3} ms, unknown {missingMedian:F3} ms, ratio {missingMedian / knownMedian:F2}");
        var ratio = missingMedian / knownMedian;
        Assert.True((ratio is >= 0.5 and <= 2.0) || Math.Abs(missingMedian - knownMedian) < 2.0,
            $"Unknown codes are answered in {missingMedian:F3} ms (median), known ones in {knownMedian:F3} ms: the time tells them apart.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_tracking_code_guessing_run_is_rate_limited(DatabaseProvider provider)
    {
        var (app, code) = await StartWithReportAsync(provider, settings => settings with { TrackingLookupsPerMinute = 5 });
        await using var _app = app;
        var guesser = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await ProblemAssert.IsProblemAsync(await guesser.GetAsync($"/api/v1/reports/{TrackingCodeOf(i)}"), HttpStatusCode.NotFound, "not-found");

        var refused = await guesser.GetAsync($"/api/v1/reports/{TrackingCodeOf(5)}");
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"{retryAfter} seconds", problem.GetProperty("detail").GetString());
        // Even a real code is refused now (a guesser learns nothing), and so is adding a message.
        await ProblemAssert.IsProblemAsync(await guesser.GetAsync($"/api/v1/reports/{code}"), HttpStatusCode.TooManyRequests, "rate-limited");
        await AssertRefusedAsync(app, () => guesser.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = "Guess" }),
            HttpStatusCode.TooManyRequests, "rate-limited");
    }

    private static string TrackingCodeOf(int i) => $"ZZZZ-ZZZZ-ZZ{i:D2}";
}
