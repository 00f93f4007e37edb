using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class UnauditedSaveIsRefusedTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Saving_a_change_without_an_audit_row_throws_and_writes_nothing(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        var rowsBefore = (await database.RowsAsync()).Count;

        await using (var db = database.CreateContext())
        {
            db.Missions.Add(new Mission { Code = "SNEAKY", Name = "Unaudited", CountryIso3 = "CAF", TimeZone = "Africa/Bangui" });
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("without an audit row", refused.Message);
            Assert.Contains(nameof(Mission), refused.Message);
        }

        await using var check = database.CreateContext();
        Assert.False(await check.Missions.AnyAsync());
        Assert.Equal(rowsBefore, await check.AuditEntries.CountAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_synchronous_SaveChanges_is_guarded_too(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);

        await using (var db = database.CreateContext())
        {
            db.Missions.Add(new Mission { Code = "SNEAKY", Name = "Unaudited", CountryIso3 = "CAF", TimeZone = "Africa/Bangui" });
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var check = database.CreateContext();
        Assert.False(await check.Missions.AnyAsync());
    }
}
