using Amani.Platform.Cli;
using System.CommandLine;
using System.CommandLine.Parsing;
using Amani.Platform.Audit;
using Amani.Platform.Data;

namespace Amani.Platform.Audit;

public static class AuditCommands
{
    public static Command Build()
    {
        var audit = new Command("audit", "The tamper-evident audit log.");
        var anchor = new Option<AuditAnchor?>("--anchor")
        {
            Description = "SEQ:HASH of a row noted earlier (e.g. the head printed by a past verification): also check that the log still holds that row with that hash, which shows a cut-off tail.",
            CustomParser = ParseAnchor,
        };
        var verify = new Command("verify",
            "Recompute the hash chain with the audit chain key and report the first row that was modified, deleted, inserted out of order, " +
            "or added without the key; say what the result proves and what it cannot. Exit code 0 = intact, 1 = broken, " +
            "2 = a setting is refused (such as a chain key that is missing or not this database's).")
        {
            anchor,
        };
        verify.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var result = await AuditChain.VerifyAsync(services.GetRequiredService<AmaniDbContext>(), parse.GetValue(anchor), ct);
            if (result.FirstBreak is { } broken)
            {
                Console.WriteLine($"BROKEN at row {broken.Sequence}: {broken.Reason}");
                Console.WriteLine($"{result.RowsVerified} row(s) verified before it; last good row {result.LastGoodSequence}, hash {result.LastGoodHash}.");
                return 1;
            }
            Console.WriteLine($"OK: {result.RowsVerified} row(s) verified; head row {result.LastGoodSequence}, hash {result.LastGoodHash}.");
            foreach (var line in WhatItProves(result, parse.GetValue(anchor)))
                Console.WriteLine(line);
            if (result.LastGoodSequence > 0)
                Console.WriteLine($"Keep the head somewhere else and pass it later as --anchor {result.LastGoodSequence}:{result.LastGoodHash} to show the tail was not cut.");
            return 0;
        }, cancellationToken));
        audit.Subcommands.Add(verify);
        return audit;
    }

    /// <summary>What an intact chain proves, part by part, and what no verification can.</summary>
    public static IEnumerable<string> WhatItProves(AuditVerification result, AuditAnchor? anchor)
    {
        if (result.LegacyRows > 0)
            yield return $"Rows 1–{result.LegacyRows}: written before the audit chain was keyed, with an unkeyed SHA-256. They are as they were " +
                         $"when row {result.LegacyRows + 1} was sealed with the key (it covers their hashes), but anyone who could write to the " +
                         "database before then could have rewritten them, unless an anchor noted earlier covers them.";
        if (result.KeyedRows > 0)
            yield return $"Rows {result.LegacyRows + 1}–{result.LastGoodSequence}: sealed with the audit chain key (key id {result.KeyId}). " +
                         "No row was changed, reordered, inserted or removed from the middle, and none was added at the end, by anyone without the key.";
        yield return anchor is { } reached
            ? $"The log still holds the anchored row {reached.Sequence} with its hash. It was not cut back to before that row; " +
              "rows added after the anchor could still have been removed from the end."
            : "Not proven: that no rows were removed from the end — pass --anchor with a head noted earlier and kept elsewhere.";
        yield return "Not proven, ever: anything against someone who holds the audit chain key (they can rewrite the keyed rows) — keep the key " +
                     "away from the database, its host and its backups.";
    }

    private static AuditAnchor? ParseAnchor(ArgumentResult result)
    {
        var anchor = AuditAnchor.TryParse(result.Tokens.SingleOrDefault()?.Value);
        if (anchor is null)
            result.AddError("--anchor takes SEQ:HASH, a row's sequence number and its 64-hex-digit hash, e.g. 42:9f86d081…");
        return anchor;
    }
}
