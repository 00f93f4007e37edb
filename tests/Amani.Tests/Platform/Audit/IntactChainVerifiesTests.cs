using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class IntactChainVerifiesTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_row_links_to_the_one_before_and_a_normal_history_verifies_intact(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ONE", name = "Mission one", countryIso3 = "CAF" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/missions/ONE", new { name = "Mission one — renamed", timeZone = "Africa/Bangui" })).StatusCode);
        await app.CreateUserAsync(Role.Analyst, "ONE");

        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var verification = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));

        Assert.True(rows.Count >= 6, $"expected a history of several rows, got {rows.Count}");
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.Equal(AuditChain.GenesisHash, rows[0].PreviousHash);
        for (var i = 1; i < rows.Count; i++)
            Assert.Equal(rows[i - 1].Hash, rows[i].PreviousHash);
        var key = app.Database.Target.AuditKey!;
        Assert.All(rows, r => Assert.Equal((AuditHashScheme.HmacSha256, key.KeyId), (r.HashScheme, r.KeyId)));
        Assert.All(rows, r => Assert.Equal(AuditChain.ComputeHash(r, key), r.Hash));
        Assert.Equal(rows.Count, rows.Select(r => r.Hash).Distinct().Count());

        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Null(verification.FirstBreak);
        Assert.Equal(rows.Count, verification.RowsVerified);
        Assert.Equal(rows[^1].Sequence, verification.LastGoodSequence);
        Assert.Equal(rows[^1].Hash, verification.LastGoodHash);
        Assert.Equal((0, rows.Count, key.KeyId), (verification.LegacyRows, verification.KeyedRows, verification.KeyId));
    }
}
