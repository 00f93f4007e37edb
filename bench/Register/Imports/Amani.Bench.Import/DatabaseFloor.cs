namespace Amani.Bench.Import;

/// <summary>
/// SQLite's own cost of storing what an import stored, with no client work at all: the imported incidents, actors and
/// first status changes are copied aside, the tables emptied, and the rows put back by <c>INSERT … SELECT</c> in one
/// transaction in the sqlite3 shell, with foreign keys on, as the application has them. Amani's tables have indexes and
/// foreign keys a bare staging table has not, so bare ÷ floor is the highest ratio any import into them could reach.
/// (The same on PostgreSQL — one binary <c>COPY</c> of a million rows into emptied tables — runs the foreign-key checks
/// against tables the planner believes empty and takes longer than the import itself, so it measures nothing useful.)
/// </summary>
public static class DatabaseFloor
{
    private static readonly string[] Tables = ["incidents", "incident_actors", "incident_status_changes"];

    public static async Task<TimedProcess.Measurement> SqliteAsync(string database)
    {
        var stash = string.Join(" ", Tables.Select(t => $"CREATE TABLE floor_{t} AS SELECT * FROM \"{t}\";"));
        var empty = string.Join(" ", Tables.Reverse().Select(t => $"DELETE FROM \"{t}\";"));
        await TimedProcess.RunAsync("sqlite3", [database], standardInput: $"PRAGMA foreign_keys=ON;\n{stash}\n{empty}\n");
        var load = string.Join(" ", Tables.Select(t => $"INSERT INTO \"{t}\" SELECT * FROM floor_{t};"));
        return await TimedProcess.RunAsync("sqlite3", [database], standardInput: $"PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;\nBEGIN; {load} COMMIT;\n");
    }
}
