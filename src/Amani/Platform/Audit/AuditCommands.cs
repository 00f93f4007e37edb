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
            "Recompute the hash chain and report the first row that was modified, deleted or inserted out of order. Exit code 0 = intact, 1 = broken.")
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
            if (parse.GetValue(anchor) is { } reached)
                Console.WriteLine($"The log still holds the anchored row {reached.Sequence} with its hash.");
            if (result.LastGoodSequence > 0)
                Console.WriteLine($"Keep the head somewhere else and pass it later as --anchor {result.LastGoodSequence}:{result.LastGoodHash} to show the tail was not cut.");
            return 0;
        }, cancellationToken));
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static AuditAnchor? ParseAnchor(ArgumentResult result)
    {
        var anchor = AuditAnchor.TryParse(result.Tokens.SingleOrDefault()?.Value);
        if (anchor is null)
            result.AddError("--anchor takes SEQ:HASH, a row's sequence number and its 64-hex-digit hash, e.g. 42:9f86d081…");
        return anchor;
    }
}
