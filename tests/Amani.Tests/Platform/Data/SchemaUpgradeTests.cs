using System.Net;
using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;

namespace Amani.Tests.Platform.Data;

/// <summary>An installation at the previous schema version keeps every row when it is upgraded in place.</summary>
public sealed class SchemaUpgradeTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Upgrading_from_version_1_keeps_every_row_and_the_audit_chain(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        var migrator = new SchemaMigrator(database.Target);
        Assert.Equal(new SchemaMigrator.Result(0, 1), await migrator.MigrateAsync(targetVersion: 1));
        Assert.DoesNotContain("table access_tokens", await SchemaSnapshot.ReadAsync(database.Target));
        var v1 = new VersionOneData();
        await v1.InsertAsync(database.Target);

        var upgrade = await migrator.MigrateAsync();

        Assert.Equal(new SchemaMigrator.Result(1, SchemaMigrator.LatestVersion(provider)), upgrade);
        await using var app = await TestApp.StartAsync(database);
        await app.WithDbAsync(async db =>
        {
            Assert.Equivalent(v1.Mission, await db.Missions.AsNoTracking().SingleAsync(), strict: true);
            Assert.Equivalent(v1.Areas, await db.AdminAreas.AsNoTracking().OrderBy(a => a.Level).ToListAsync(), strict: true);
            Assert.Equivalent(v1.Organizations, await db.Organizations.AsNoTracking().OrderBy(o => o.ParentId != null).ToListAsync(), strict: true);
            Assert.Equivalent(v1.User, await db.Users.AsNoTracking().SingleAsync(), strict: true);
            Assert.Equivalent(v1.Assignment, await db.RoleAssignments.AsNoTracking().SingleAsync(), strict: true);
            var audit = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equivalent(v1.Audit, audit.Take(v1.Audit.Count), strict: true);
            Assert.Equal([(int)AuditAction.SchemaMigrated], audit.Skip(v1.Audit.Count).Select(e => e.ActionCode));
            var verification = await AuditChain.VerifyAsync(db, CancellationToken.None);
            Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
            Assert.Equal(v1.Audit.Count + 1, verification.RowsVerified);
            return true;
        });
        Assert.True(await app.WithScopeAsync(s =>
            s.GetRequiredService<UserManager<AmaniUser>>().CheckPasswordAsync(v1.User, VersionOneData.Password)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_from_version_1_gets_an_access_token_after_the_upgrade(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        await new SchemaMigrator(database.Target).MigrateAsync(targetVersion: 1);
        var v1 = new VersionOneData();
        await v1.InsertAsync(database.Target);
        await using var app = await TestApp.StartAsync(database);

        var issued = await app.WithScopeAsync(async s =>
        {
            var user = (await s.GetRequiredService<UserManager<AmaniUser>>().FindByEmailAsync(v1.User.Email!))!;
            return await s.GetRequiredService<TokenIssuer>().IssueAsync(user, "after upgrade", ["missions:read"], 30, CancellationToken.None);
        });

        Assert.True(issued.Succeeded, issued.Error);
        var response = await app.TokenClient(issued.Value!.Secret).GetAsync("/api/v1/missions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var missions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([v1.Mission.Code], missions.EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        var verification = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal(v1.Audit.Count + 2, verification.RowsVerified);
    }
}
