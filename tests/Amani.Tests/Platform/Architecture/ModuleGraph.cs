using System.Text.RegularExpressions;

namespace Amani.Tests.Platform.Architecture;

/// <summary>
/// The modules of <c>src/Amani</c> (<c>{Group}/{Module}</c> folders, whose namespace is <c>Amani.{Group}.{Module}</c>) and
/// what each one's source files (C# and Razor views) use of the others. Read from the source, not the compiled
/// assembly: a file depends on a module when it imports one of its namespaces (<c>using</c>), names it in full
/// (<c>Amani.Register.Incidents.X</c>) or by its group (<c>Register.Incidents.X</c>, as code inside <c>Amani</c>
/// may), or names a type the module declares <c>internal</c> (the compiler allows that anywhere in the assembly; the
/// architecture does not).
/// </summary>
public sealed partial class ModuleGraph
{
    public static readonly string[] Groups = ["Platform", "Foundation", "Register", "Analysis", "Governance"];

    /// <summary>Module name ("Register/Incidents") → modules it uses, with one file and line as evidence each.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Uses { get; }

    public IReadOnlyCollection<string> Modules => Uses.Keys.ToList();

    /// <summary>Uses of a type another module declares <c>internal</c>: "module → Type (owner) at file:line".</summary>
    public IReadOnlyList<string> InternalUses { get; }

    private ModuleGraph(Dictionary<string, Dictionary<string, string>> uses, IReadOnlyList<string>? internalUses = null) =>
        (Uses, InternalUses) = (uses, internalUses ?? []);

    public static ModuleGraph Read(string sourceRoot)
    {
        var files = Directory.EnumerateFiles(sourceRoot, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !Regex.IsMatch(f, @"[/\\](bin|obj|node_modules)[/\\]"))
            .Select(f => (Path: f, Module: ModuleOf(sourceRoot, f), Text: StripComments(File.ReadAllText(f))))
            .Where(f => f.Module is not null)
            .ToList();

        var internals = new Dictionary<string, string>(); // internal type name → its module (names declared in two modules are skipped)
        foreach (var file in files)
            foreach (Match declared in InternalType().Matches(file.Text))
                internals[declared.Groups["name"].Value] = internals.TryGetValue(declared.Groups["name"].Value, out var other) && other != file.Module
                    ? "" : file.Module!;

        var uses = files.Select(f => f.Module!).Distinct().ToDictionary(m => m, _ => new Dictionary<string, string>());
        var internalUses = new List<string>();
        foreach (var (path, module, text) in files)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                void Use(string? target)
                {
                    if (target is not null && target != module && uses.ContainsKey(target))
                        uses[module!].TryAdd(target, $"{Path.GetRelativePath(sourceRoot, path)}:{i + 1}");
                }
                foreach (Match named in Qualified().Matches(lines[i]))
                    Use(Resolve(uses.Keys, named.Groups["group"].Value, named.Groups["module"].Value));
                foreach (Match word in Word().Matches(lines[i]))
                    if (internals.TryGetValue(word.Value, out var owner) && owner.Length > 0 && owner != module)
                    {
                        Use(owner);
                        internalUses.Add($"{module} → {word.Value} ({owner}) at {Path.GetRelativePath(sourceRoot, path)}:{i + 1}");
                    }
            }
        }
        return new ModuleGraph(uses, internalUses);
    }

    /// <summary>The graph of the modules outside <c>Platform</c>.</summary>
    public ModuleGraph WithoutPlatform() => new(Uses.Where(m => !m.Key.StartsWith("Platform/", StringComparison.Ordinal))
        .ToDictionary(m => m.Key, m => m.Value.Where(t => !t.Key.StartsWith("Platform/", StringComparison.Ordinal)).ToDictionary()));

    /// <summary>The cycles between modules, each as the modules of one strongly connected component.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        // Tarjan's algorithm
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<IReadOnlyList<string>>();
        void Connect(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Uses[v].Keys)
            {
                if (!indices.ContainsKey(w))
                {
                    Connect(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                    low[v] = Math.Min(low[v], indices[w]);
            }
            if (low[v] != indices[v])
                return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != v);
            if (component.Count > 1)
                components.Add(component.Order(StringComparer.Ordinal).ToList());
        }
        foreach (var module in Uses.Keys.Order(StringComparer.Ordinal))
            if (!indices.ContainsKey(module))
                Connect(module);
        return components;
    }

    private static string? ModuleOf(string root, string file)
    {
        var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
        return parts.Length >= 3 && Groups.Contains(parts[0]) ? $"{parts[0]}/{parts[1]}" : null;
    }

    private static string? Resolve(IEnumerable<string> modules, string group, string module) =>
        modules.FirstOrDefault(m => m == $"{group}/{module}");

    private static string StripComments(string text) => Strings().Replace(Comments().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n'))), "\"\"");

    [GeneratedRegex(@"(?<![\w])(?:Amani\.)?(?<group>Platform|Foundation|Register|Analysis|Governance)\.(?<module>[A-Z]\w*)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"\binternal\s+(?:(?:sealed|static|abstract|partial|readonly|record)\s+)*(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex InternalType();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Strings();
}
