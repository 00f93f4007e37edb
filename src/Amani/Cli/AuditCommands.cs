using System.CommandLine;
using Amani.Audit;
using Amani.Data;

namespace Amani.Cli;

public static class AuditCommands
{
    public static Command Build()
    {
        var audit = new Command("audit", "The tamper-evident audit log.");
        var verify = new Command("verify",
            "Recompute the hash chain and report the first row that was modified, deleted or inserted out of order. Exit code 0 = intact, 1 = broken.");
        verify.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var result = await AuditChain.VerifyAsync(services.GetRequiredService<AmaniDbContext>(), ct);
            if (result.FirstBreak is { } broken)
            {
                Console.WriteLine($"BROKEN at row {broken.Sequence}: {broken.Reason}");
                Console.WriteLine($"{result.RowsVerified} row(s) verified before it; last good row {result.LastGoodSequence}, hash {result.LastGoodHash}.");
                return 1;
            }
            Console.WriteLine($"OK: {result.RowsVerified} row(s) verified; head row {result.LastGoodSequence}, hash {result.LastGoodHash}.");
            Console.WriteLine("Keep the head hash somewhere else: a later verification that no longer reaches it shows the tail was cut.");
            return 0;
        }, cancellationToken));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
