using System.Text.RegularExpressions;
using Xunit;

namespace Amani.Tests.Platform;

/// <summary>
/// README.md stays a short entry page, and every relative link in it and in docs/ leads to a file or folder of the
/// repository (links to other sites are not followed; a <c>#fragment</c> is not checked, only the file it is in).
/// </summary>
public sealed partial class DocsLinksTests
{
    [Fact]
    public void Every_relative_link_in_the_readme_and_the_docs_resolves()
    {
        var root = RepositoryRoot();
        var documents = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(root, "README.md")).ToList();
        Assert.True(documents.Count > 1, "docs/ holds no markdown file");

        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        {
            var text = InlineCode().Replace(FencedCode().Replace(File.ReadAllText(document), ""), "");
            foreach (Match link in Link().Matches(text))
            {
                var target = link.Groups["target"].Value;
                if (Scheme().IsMatch(target) || target.StartsWith('#'))
                    continue;
                checkedLinks++;
                var path = Uri.UnescapeDataString(target.Split('#')[0]);
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, path));
                if (!File.Exists(full) && !Directory.Exists(full))
                    broken.Add($"{Path.GetRelativePath(root, document)}: ({target})");
            }
        }
        Assert.True(checkedLinks > 0, "no relative link found: the link pattern is wrong");
        Assert.True(broken.Count == 0, "Links to nothing:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void The_readme_stays_under_200_lines()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md")).Length;
        Assert.True(lines < 200, $"README.md has {lines} lines; move the reference into docs/ (see docs/README.md).");
    }

    /// <summary>A markdown link or image: <c>[text](target)</c> or <c>[text](target "title")</c>.</summary>
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Amani.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Amani.slnx not found above the test output.");
    }
}
