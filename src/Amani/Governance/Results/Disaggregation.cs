using System.Diagnostics.CodeAnalysis;

namespace Amani.Governance.Results;

/// <summary>A category list values can be split by: its code, name and options (code → label).</summary>
public sealed record CategoryListEntry(string Code, string Name, IReadOnlyDictionary<string, string> Options);

/// <summary>
/// The split of a value by category lists, written canonically as <c>list:option</c> pairs sorted by list and
/// separated by commas (<c>age:18-59,sex:female</c>); the empty string is the total. The built-in lists are
/// <c>sex</c> and <c>age</c>; a computed indicator may also split by its measure's group (<c>category:…</c>).
/// </summary>
public static class Disaggregation
{
    public static readonly CategoryListEntry Sex = new("sex", "Sex", new Dictionary<string, string> { ["female"] = "Female", ["male"] = "Male" });

    public static readonly CategoryListEntry Age = new("age", "Age group",
        new Dictionary<string, string> { ["0-17"] = "Children (0–17)", ["18-59"] = "Adults (18–59)", ["60+"] = "Older people (60+)" });

    public static IReadOnlyList<CategoryListEntry> BuiltIn { get; } = [Sex, Age];

    public static string Key(IEnumerable<KeyValuePair<string, string>> parts) =>
        string.Join(",", parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"));

    /// <summary>
    /// Reads a disaggregation against the lists an indicator uses: every part names one of them and one of its options,
    /// and either every list or none is given (a value is the total or a full split). Returns the canonical key.
    /// </summary>
    public static bool TryParse(string? text, IReadOnlyList<CategoryListEntry> lists, [NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        problem = null;
        text = text?.Trim() ?? "";
        if (text.Length == 0 || text == "default" || text == "total")
        {
            key = "";
            return true;
        }
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':');
            var list = colon > 0 ? lists.FirstOrDefault(l => l.Code == part[..colon].Trim().ToLowerInvariant()) : null;
            if (list is null)
            {
                problem = $"'{part}' names no category list of this indicator ({Known(lists)}); write list:option.";
                return false;
            }
            var option = part[(colon + 1)..].Trim();
            var known = list.Options.Keys.FirstOrDefault(o => string.Equals(o, option, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problem = $"'{option}' is not an option of '{list.Code}' ({string.Join(", ", list.Options.Keys)}).";
                return false;
            }
            if (!parts.TryAdd(list.Code, known))
            {
                problem = $"'{list.Code}' is given twice.";
                return false;
            }
        }
        if (parts.Count != lists.Count)
        {
            problem = $"Give an option of every list of this indicator ({Known(lists)}), or none for the total.";
            return false;
        }
        key = Key(parts);
        return true;
    }

    private static string Known(IReadOnlyList<CategoryListEntry> lists) => lists.Count == 0 ? "it has none: give the total" : string.Join(", ", lists.Select(l => l.Code));

    /// <summary>Reads stored options <c>code=label|code=label</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParseOptions(string options) => options
        .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(o => o.Split('=', 2)).ToDictionary(o => o[0], o => o.Length > 1 ? o[1] : o[0], StringComparer.Ordinal);
}
