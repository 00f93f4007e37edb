using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>Anonymous endpoints are rate limited per address: over the limit, 429 with Retry-After, and the attempt is not processed.</summary>
public sealed class AnonymousRateLimitTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings => settings with { AnonymousRequestsPerMinute = 3 });
        var client = app.CreateClient();
        var before = await RowCounts.TakeAsync(app);
        var credentials = new { email = "nobody@test.amani.local", password = "not-the-password" };

        for (var attempt = 1; attempt <= 3; attempt++)
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/account/login", credentials), HttpStatusCode.Unauthorized,
                "bad-credentials");
        for (var attempt = 4; attempt <= 5; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/account/login", credentials);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            Assert.Contains($"{(int)retryAfter.Value.TotalSeconds} seconds", problem.GetProperty("detail").GetString());
        }

        // Only the three attempts let through were processed (and audited as failed sign-ins).
        Assert.Equal(3, await before.AssertOnlySignInFailuresAuditedAsync(app));
    }
}
