using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class ConcurrentAppendTests
{
    private const int Writers = 12;
    private const int Rounds = 5;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Parallel_writers_each_with_their_own_context_extend_one_gapless_intact_chain(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        var rowsBefore = (await database.RowsAsync()).Count;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            var audit = AuditedDatabase.AuditLogFor(db, actor: $"writer:{writer}");
            await start.Task;
            for (var round = 0; round < Rounds; round++)
            {
                var mission = new Mission { Code = $"W{writer}R{round}", Name = "Concurrent", CountryIso3 = "CAF", TimeZone = "Africa/Bangui" };
                db.Missions.Add(mission);
                audit.Record(AuditAction.MissionCreated, Mission.AuditEntity, mission.Id, $"Mission {mission.Code} created.");
                audit.Record(AuditAction.MissionUpdated, Mission.AuditEntity, mission.Id, $"Mission {mission.Code} touched.");
                await db.SaveChangesAsync();
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(writers);

        var rows = await database.RowsAsync();
        var written = rows.Skip(rowsBefore).ToList();
        Assert.Equal(Writers * Rounds * 2, written.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.Equal(Writers * Rounds, written.Select(r => r.Summary).Count(s => s.EndsWith(" created.", StringComparison.Ordinal)));
        AssertEachSaveIsContiguous(written);
        var verification = await database.VerifyAsync();
        Assert.True(verification.IsIntact, verification.FirstBreak?.Reason);
        Assert.Equal(rows.Count, verification.RowsVerified);
        await using var db = database.CreateContext();
        Assert.Equal(Writers * Rounds, await db.Missions.CountAsync());
    }

    /// <summary>The two rows of one save are sealed together: "created" is always followed directly by its "touched".</summary>
    private static void AssertEachSaveIsContiguous(List<AuditEntry> written)
    {
        for (var i = 0; i < written.Count; i += 2)
        {
            Assert.Equal(written[i].EntityId, written[i + 1].EntityId);
            Assert.Equal((int)AuditAction.MissionCreated, written[i].ActionCode);
            Assert.Equal((int)AuditAction.MissionUpdated, written[i + 1].ActionCode);
        }
    }
}
