using Amani.Platform.Audit;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Amani.Foundation.Accounts;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>
/// The number of rows in every table a refused request could write to. Taken before and after a bad request, the two
/// must be equal: a refusal writes nothing, not even an audit row.
/// </summary>
public sealed record RowCounts(int Missions, int Areas, int Organizations, int Users, int RoleAssignments, int AccessTokens, int AuditEntries)
{
    public static Task<RowCounts> TakeAsync(TestApp app) => app.WithDbAsync(async db => new RowCounts(
        await db.Missions.CountAsync(),
        await db.AdminAreas.CountAsync(),
        await db.Organizations.CountAsync(),
        await db.Users.CountAsync(),
        await db.RoleAssignments.CountAsync(),
        await db.AccessTokens.CountAsync(),
        await db.AuditEntries.CountAsync()));

    /// <summary>Asserts that no table of <paramref name="app"/> gained or lost a row since this snapshot.</summary>
    public async Task AssertUnchangedAsync(TestApp app) => Assert.Equal(this, await TakeAsync(app));

    /// <summary>
    /// Asserts that only audit rows were added since this snapshot, all of them failed sign-ins or lock-outs (which
    /// are audited even though the request is refused); returns how many.
    /// </summary>
    public async Task<int> AssertOnlySignInFailuresAuditedAsync(TestApp app)
    {
        var after = await TakeAsync(app);
        Assert.Equal(this, after with { AuditEntries = AuditEntries });
        var added = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Skip(AuditEntries)
            .Select(e => e.ActionCode).ToListAsync());
        Assert.All(added, code => Assert.Contains(code, new[] { (int)AuditAction.SignInFailed, (int)AuditAction.UserLockedOut }));
        return added.Count;
    }
}
