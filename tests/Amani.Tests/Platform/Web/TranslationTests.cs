using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Amani.Tests.Platform.Web.Browser;
using Xunit;

namespace Amani.Tests.Platform.Web;

/// <summary>
/// Every text of the pages has its French translation: each literal key of <c>T["…"]</c> in a view and of
/// <c>text["…"]</c> in a page model is found in the French resources of that view or model (<c>*.fr.resx</c> next to it).
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly Assembly Web = typeof(Amani.Platform.Web.WebSetup).Assembly;
    private static readonly CultureInfo French = new("fr");

    [Fact]
    public void Every_text_of_every_page_has_a_French_translation()
    {
        // The pages are in their modules' Pages folders, the shared layout in Platform/Web/Pages/Shared.
        var project = Path.Combine(Chromium.RepositoryRoot, "src", "Amani");
        var missing = new List<string>();
        var checkedKeys = 0;
        foreach (var file in Directory.EnumerateFiles(project, "*.cshtml*", SearchOption.AllDirectories)
                     .Where(f => !OutsideSource().IsMatch(Path.GetRelativePath(project, f))))
        {
            var relative = Path.GetRelativePath(project, file);
            var source = File.ReadAllText(file);
            var (pattern, baseName) = file.EndsWith(".cshtml")
                ? (ViewKey(), "Amani." + relative[..^".cshtml".Length].Replace('/', '.'))
                : (ModelKey(), ModelTypeName(source));
            if (baseName is null)
                continue;
            var resources = new ResourceManager(baseName, Web);
            foreach (Match match in pattern.Matches(source))
            {
                var key = Regex.Unescape(match.Groups[1].Value);
                checkedKeys++;
                string? french;
                try { french = resources.GetString(key, French); }
                catch (MissingManifestResourceException) { french = null; }
                if (string.IsNullOrEmpty(french))
                    missing.Add($"{relative}: \"{key}\"");
            }
        }
        Assert.True(checkedKeys > 20, $"Only {checkedKeys} texts found: the patterns no longer match the pages.");
        Assert.Empty(missing);
    }

    /// <summary>The page model's full type name (namespace + first class), whose resources IStringLocalizer&lt;T&gt; reads.</summary>
    private static string? ModelTypeName(string source)
    {
        var ns = Regex.Match(source, @"namespace\s+([\w.]+)\s*;");
        var type = Regex.Match(source, @"class\s+(\w+)");
        return ns.Success && type.Success && source.Contains("IStringLocalizer<") ? $"{ns.Groups[1].Value}.{type.Groups[1].Value}" : null;
    }

    [GeneratedRegex(@"^(bin|obj|node_modules)[/\\]")]
    private static partial Regex OutsideSource();

    [GeneratedRegex("""(?<![\w.])T\["((?:[^"\\]|\\.)*)"(?:\s*,[^\]]*)?\]""")]
    private static partial Regex ViewKey();

    [GeneratedRegex("""(?<![\w.])text\["((?:[^"\\]|\\.)*)"(?:\s*,[^\]]*)?\]""")]
    private static partial Regex ModelKey();
}
