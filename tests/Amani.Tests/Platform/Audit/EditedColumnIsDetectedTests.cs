using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Audit;

public sealed class EditedColumnIsDetectedTests
{
    public static TheoryData<DatabaseProvider, string> Edits()
    {
        var edits = new[]
        {
            "occurred_at = '2020-01-01 00:00:00'", "actor = 'system'", "action_code = 1000", "entity_type = 'area'",
            "entity_id = NULL", "summary = ''", "request_id = 'elsewhere'", "previous_hash = hash", "hash = previous_hash",
            "hash_scheme = 'Sha256'", "hash_scheme = 'Nonsense'", "hash_scheme = '7'", "key_id = '0123456789abcdef'", "key_id = NULL",
        };
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var edit in edits)
                data.Add(provider, edit);
        return data;
    }

    [Theory, MemberData(nameof(Edits))]
    public async Task Editing_any_column_of_a_row_is_reported_at_that_row(DatabaseProvider provider, string edit)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);

        Assert.Equal(1, await database.TamperAsync($"UPDATE audit_entries SET {edit} WHERE sequence = 3"));

        var verification = await database.VerifyAsync();
        Assert.Equal(3, verification.FirstBreak?.Sequence);
        Assert.Equal(2, verification.LastGoodSequence);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_time_edited_into_something_that_is_no_instant_is_reported_at_that_row(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(4);
        // SQLite keeps any text in a TEXT column; PostgreSQL's timestamptz accepts 'infinity'.
        var value = provider == DatabaseProvider.Sqlite ? "yesterday" : "infinity";

        Assert.Equal(1, await database.TamperAsync($"UPDATE audit_entries SET occurred_at = '{value}' WHERE sequence = 3"));

        var verification = await database.VerifyAsync();
        Assert.Equal(3, verification.FirstBreak?.Sequence);
        Assert.StartsWith("Audit row 3 was modified after it was written", verification.FirstBreak!.Reason);
        Assert.Equal(2, verification.LastGoodSequence);
    }
}
