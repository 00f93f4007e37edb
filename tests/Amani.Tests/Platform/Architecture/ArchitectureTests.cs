using System.Text.RegularExpressions;
using Xunit;

namespace Amani.Tests.Platform.Architecture;

/// <summary>
/// The module layout holds (docs/platform/modules.md): the platform uses no module, modules do not depend on each other
/// in a cycle nor use each other's internal types, and every module registers itself through one class listed once.
/// The dependencies that exist today and are to be removed are listed below: the test fails when one is added, and
/// also when a listed one is gone (so that the list only shrinks).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>
    /// Platform → module uses that remain: none. (The identity store's row, <c>AmaniUser</c>, is the platform's; the page
    /// gate finds missions through <c>IMissionDirectory</c>; notifications queue SMS through <c>ISmsOutbox</c>.)
    /// </summary>
    private static readonly string[] KnownPlatformUses = [];

    /// <summary>
    /// Module cycles that remain, each as its sorted members joined by " ↔ ". The platform is left out of this check:
    /// every module stands on it, and its own uses of modules are the rule above.
    /// </summary>
    private static readonly string[] KnownCycles = [];

    private static readonly ModuleGraph Graph = ModuleGraph.Read(SourceRoot);

    [Fact]
    public void The_platform_uses_no_module()
    {
        var uses = Graph.Uses.Where(m => m.Key.StartsWith("Platform/", StringComparison.Ordinal))
            .SelectMany(m => m.Value.Where(t => !t.Key.StartsWith("Platform/", StringComparison.Ordinal))
                .Select(t => (Edge: $"{m.Key} → {t.Key}", Evidence: t.Value)))
            .ToList();
        AssertMatchesKnown(uses, KnownPlatformUses, "platform → module use");
    }

    [Fact]
    public void Modules_do_not_depend_on_each_other_in_a_cycle()
    {
        var cycles = Graph.WithoutPlatform().Cycles().Select(c => (Edge: string.Join(" ↔ ", c), Evidence: Evidence(c))).ToList();
        AssertMatchesKnown(cycles, KnownCycles, "cycle");
    }

    [Fact]
    public void No_module_uses_a_type_another_module_keeps_internal()
    {
        // A module's contract is its public types; internal ones are its own business even though C# lets the whole
        // assembly see them.
        Assert.True(Graph.InternalUses.Count == 0, string.Join("\n", Graph.InternalUses));
    }

    [Fact]
    public void Every_module_registers_itself_through_one_module_class_listed_once()
    {
        var listed = File.ReadAllText(Path.Combine(SourceRoot, "AmaniModules.cs"));
        var problems = new List<string>();
        foreach (var module in Graph.Modules.Where(m => !m.StartsWith("Platform/", StringComparison.Ordinal)))
        {
            var name = module.Split('/')[1] + "Module";
            var declared = Directory.EnumerateFiles(Path.Combine(SourceRoot, module), "*.cs", SearchOption.AllDirectories)
                .Count(f => Regex.IsMatch(File.ReadAllText(f), $@"\bclass {name}\b[^{{]*:\s*IAmaniModule\b"));
            if (declared != 1)
                problems.Add($"{module} declares {declared} classes {name} : IAmaniModule (expected one)");
            var mentions = Regex.Matches(listed, $@"\bnew {name}\(\)").Count;
            if (mentions != 1)
                problems.Add($"AmaniModules.All lists {name} {mentions} times (expected once)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_graph_sees_what_the_source_uses()
    {
        // Guards the reader itself: a graph that saw nothing would let every rule above pass.
        Assert.Contains("Foundation/Missions", Graph.Uses["Register/Incidents"].Keys);
        Assert.Contains("Register/Imports", Graph.Uses["Analysis/Forecasting"].Keys);
        Assert.Contains("Platform/Data", Graph.Uses["Analysis/Alerts"].Keys);
        Assert.True(Graph.Modules.Count >= 25, $"only {Graph.Modules.Count} modules found");
    }

    private static string Evidence(IReadOnlyList<string> cycle) =>
        string.Join("; ", cycle.SelectMany(m => Graph.Uses[m].Where(t => cycle.Contains(t.Key)).Select(t => $"{m} → {t.Key} ({t.Value})")));

    private static void AssertMatchesKnown(List<(string Edge, string Evidence)> found, string[] known, string what)
    {
        var added = found.Where(f => !known.Contains(f.Edge)).Select(f => $"new {what}: {f.Edge}  [{f.Evidence}]").ToList();
        var gone = known.Where(k => found.All(f => f.Edge != k)).Select(k => $"listed {what} no longer exists, remove it from the list: {k}").ToList();
        Assert.True(added.Count == 0 && gone.Count == 0, string.Join("\n", added.Concat(gone)));
    }

    private static string SourceRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Amani.slnx")))
                directory = directory.Parent;
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Amani.slnx not found above the test output"), "src", "Amani");
        }
    }
}
