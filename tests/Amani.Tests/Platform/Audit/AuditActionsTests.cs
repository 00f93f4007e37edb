using System.Reflection;
using Amani.Platform.Audit;
using Xunit;
using Amani.Analysis.Alerts;
using Amani.Platform.FollowUps;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// Audit codes are declared by the modules (each its <c>XxxAudit</c> class adds them to <see cref="AuditAction"/>): found
/// at start-up, unique, each block of 100 owned by one module, and stored codes keep their names.
/// </summary>
public sealed class AuditActionsTests
{
    [Fact]
    public void Every_module_declares_its_own_codes_each_code_once_each_block_in_one_module()
    {
        var all = AuditActions.All;
        Assert.Equal(all.Count, all.Select(a => a.Code).Distinct().Count());
        Assert.Equal(all.Count, all.Select(a => a.Name).Distinct().Count());
        Assert.Contains(AuditAction.SchemaMigrated, all);
        Assert.Contains(AuditAction.FollowUpEscalated, all);

        var owners = typeof(AuditAction).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && !t.IsNested && t.Name.EndsWith("Audit", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.ReturnType == typeof(AuditAction) && m.GetParameters().Length == 0)
                .Select(m => (Type: t, Action: (AuditAction)m.Invoke(null, null)!)))
            .ToList();
        Assert.Equal(all.Count - 1, owners.Count); // all but the platform's own SchemaMigrated
        // The first block (1000–1099) predates per-module blocks: the platform, Demo and Setup share it; codes never move.
        foreach (var block in owners.GroupBy(o => o.Action.Code / 100).Where(b => b.Key != 10))
            Assert.Single(block.Select(o => o.Type).Distinct());
        // A module's audit class lives in that module: Amani.<Group>.<Module>.
        Assert.All(owners, o => Assert.Matches(@"^Amani\.(Platform|Foundation|Register|Analysis|Governance)\.\w+$", o.Type.Namespace));
    }

    [Fact]
    public void Stored_codes_keep_their_names_and_numbers()
    {
        Assert.Equal(2503, AuditAction.AlertRaised.Code);
        Assert.Equal("AlertRaised", AuditActions.NameOf(2503));
        Assert.Equal("IncidentsImported", AuditActions.NameOf(2005));
        Assert.Equal("FollowUpCreated", AuditActions.NameOf(3000));
        Assert.Equal("Unknown", AuditActions.NameOf(9999));
        Assert.Equal(1000, (int)AuditAction.SchemaMigrated);
    }
}
