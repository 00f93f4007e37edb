using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class FailedSaveWritesNoAuditRowTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_change_that_fails_to_save_leaves_no_audit_row_and_the_chain_continues_without_a_gap(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Missions.Add(NewMission("TAKEN"));
            AuditedDatabase.AuditLogFor(db).Record(AuditAction.MissionCreated, Mission.AuditEntity, "TAKEN", "Mission TAKEN created.");
            await db.SaveChangesAsync();
        }
        var rowsBefore = await database.RowsAsync();

        await using (var db = database.CreateContext())
        {
            db.Missions.Add(NewMission("TAKEN"));
            AuditedDatabase.AuditLogFor(db).Record(AuditAction.MissionCreated, Mission.AuditEntity, "TAKEN", "Duplicate mission TAKEN created.");
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(rowsBefore.Select(r => r.Hash), (await database.RowsAsync()).Select(r => r.Hash));
        await database.RecordAsync(1);
        var after = await database.RowsAsync();
        Assert.Equal(rowsBefore[^1].Sequence + 1, after[^1].Sequence);
        Assert.True((await database.VerifyAsync()).IsIntact);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Retrying_a_failed_save_on_the_same_context_seals_its_audit_row_afresh(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await using (var first = database.CreateContext())
        {
            first.Missions.Add(NewMission("TAKEN"));
            AuditedDatabase.AuditLogFor(first).Record(AuditAction.MissionCreated, Mission.AuditEntity, "TAKEN", "Mission TAKEN created.");
            await first.SaveChangesAsync();
        }

        await using var db = database.CreateContext();
        var mission = NewMission("TAKEN");
        db.Missions.Add(mission);
        AuditedDatabase.AuditLogFor(db).Record(AuditAction.MissionCreated, Mission.AuditEntity, mission.Id, "Mission RETRIED created.");
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await database.RecordAsync(2); // another writer moves the tip meanwhile
        mission.Code = "RETRIED";
        await db.SaveChangesAsync();

        var rows = await database.RowsAsync();
        Assert.Equal("Mission RETRIED created.", rows[^1].Summary);
        Assert.Equal(1, rows.Count(r => r.Summary == "Mission RETRIED created."));
        Assert.True((await database.VerifyAsync()).IsIntact);
    }

    private static Mission NewMission(string code) =>
        new() { Code = code, Name = "Mission " + code, CountryIso3 = "CAF", TimeZone = "Africa/Bangui" };
}
