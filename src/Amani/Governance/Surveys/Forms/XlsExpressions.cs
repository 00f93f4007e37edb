using System.Text;
using System.Text.RegularExpressions;
using System.Xml.XPath;

namespace Amani.Governance.Surveys.Forms;

/// <summary>A piece of a label: text, or an <c>&lt;output value="…"/&gt;</c> of another question's answer.</summary>
internal sealed record XFormLabelPart(string? Text, string? Output);

/// <summary>A label as Amani reports it: text, and <c>${name}</c> for each output of another question's answer.</summary>
internal static partial class XFormLabels
{
    [GeneratedRegex(@"^(current\(\)/)?[\p{L}\p{Nd}_.\-:/]+$")]
    private static partial Regex SimplePath();

    public static string Text(IEnumerable<XFormLabelPart> parts) =>
        string.Concat(parts.Select(p => p.Text ?? "${" + OutputName(p.Output!.Trim()) + "}"))
            .Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string OutputName(string value) => SimplePath().IsMatch(value) ? value.Split('/')[^1] : value;
}

/// <summary>
/// <c>${name}</c> references as pyxform resolves them: replaced by the question's instance path with a space either side,
/// absolute (<c> /data/q </c>) unless both sit in the same repeat, where the path is relative to the node that holds the
/// expression (<c> ../q </c>; <c> current()/../q </c> in a choice filter), so that each repeat instance reads its own
/// answers. Arguments of <c>indexed-repeat()</c> stay absolute. Every expression is then parsed as XPath 1.0
/// (<see cref="XPathExpression.Compile(string)"/>); ODK's functions parse as ordinary function calls.
/// </summary>
internal sealed partial class XlsExpressions
{
    private readonly Dictionary<string, List<XlsNode>> byName;
    private readonly List<FormProblem> problems;

    public XlsExpressions(XlsContainer root, List<FormProblem> problems)
    {
        this.problems = problems;
        byName = root.Descendants().Where(n => n.Name.Length > 0).GroupBy(n => n.Name)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"(?<![\w:.\-])(position|round|concat)\s*\(")]
    private static partial Regex RedefinedFunction();

    /// <summary>The expression with its references replaced, or null after adding the problems of its references.</summary>
    public string? Substitute(XlsNode context, string sheet, int row, XlsCell cell, bool inChoiceFilter = false)
    {
        var text = cell.Value;
        var ok = true;
        var result = Reference().Replace(text, m =>
        {
            var target = Resolve(m.Groups[1].Value.Trim(), sheet, row, cell.Header);
            if (target is null)
            {
                ok = false;
                return m.Value;
            }
            var absolute = InsideIndexedRepeat(text, m.Index);
            return " " + PathTo(context, target, absolute, inChoiceFilter) + " ";
        });
        if (ok && result.Contains("${", StringComparison.Ordinal))
        {
            problems.Add(UnclosedReference(sheet, row, cell.Header));
            ok = false;
        }
        return ok ? result : null;
    }

    /// <summary>The expression substituted and parsed; null after adding a problem when either fails.</summary>
    public string? Compile(XlsNode context, string sheet, int row, XlsCell cell, bool inChoiceFilter = false, string? listName = null)
    {
        var substituted = Substitute(context, sheet, row, cell, inChoiceFilter);
        if (substituted is null)
            return null;
        var parsed = listName is null ? substituted : $"instance('{listName}')/root/item[{substituted}]";
        if (XPathError(parsed) is not { } error)
            return substituted;
        problems.Add(new FormProblem(sheet, row, cell.Header,
            $"On the '{sheet}' sheet, the '{cell.Header}' value is not a valid XPath expression once the ${{…}} references " +
            $"are replaced: {error} The expression read: {substituted.Trim()} — check the brackets, the quotes and the " +
            "operators (= not ==, and/or not &&/||, != for 'not equal')."));
        return null;
    }

    /// <summary>A label or hint as text and outputs; null after adding the problems of its references.</summary>
    public IReadOnlyList<XFormLabelPart>? Label(XlsNode context, string sheet, int row, string header, string text)
    {
        var parts = new List<XFormLabelPart>();
        var at = 0;
        var ok = true;
        foreach (Match m in Reference().Matches(text))
        {
            if (m.Index > at)
                parts.Add(new XFormLabelPart(text[at..m.Index], null));
            var target = Resolve(m.Groups[1].Value.Trim(), sheet, row, header);
            if (target is null)
                ok = false;
            else
                parts.Add(new XFormLabelPart(null, " " + PathTo(context, target, false, false) + " "));
            at = m.Index + m.Length;
        }
        if (at < text.Length)
            parts.Add(new XFormLabelPart(text[at..], null));
        if (ok && parts.Any(p => p.Text?.Contains("${", StringComparison.Ordinal) == true))
        {
            problems.Add(UnclosedReference(sheet, row, header));
            ok = false;
        }
        return ok ? parts : null;
    }

    /// <summary>Why the expression does not parse as XPath 1.0, or null when it does.</summary>
    public static string? XPathError(string expression)
    {
        // position(..), round(x, 2) and concat(x) are ODK's extensions of XPath functions whose arity .NET checks.
        var renamed = new StringBuilder();
        var at = 0;
        foreach (Match literal in Literal().Matches(expression))
        {
            renamed.Append(RedefinedFunction().Replace(expression[at..literal.Index], "odk-$1("));
            renamed.Append(literal.Value);
            at = literal.Index + literal.Length;
        }
        renamed.Append(RedefinedFunction().Replace(expression[at..], "odk-$1("));
        try
        {
            XPathExpression.Compile(renamed.ToString());
            return null;
        }
        catch (XPathException e)
        {
            return e.Message.Replace(renamed.ToString(), expression, StringComparison.Ordinal);
        }
    }

    private XlsNode? Resolve(string name, string sheet, int row, string header)
    {
        if (!byName.TryGetValue(name, out var found))
        {
            problems.Add(new FormProblem(sheet, row, header,
                $"On the '{sheet}' sheet, the '{header}' value refers to ${{{name}}}, but no question, group or repeat is named " +
                $"'{name}'. A reference must name a row of the 'survey' sheet's 'name' column: check the spelling."));
            return null;
        }
        if (found.Count > 1)
        {
            problems.Add(new FormProblem(sheet, row, header,
                $"On the '{sheet}' sheet, the '{header}' value refers to ${{{name}}}, but the name '{name}' is used on rows " +
                $"{string.Join(", ", found.Select(f => f.Row))}. A name used in a reference must be unique in the whole survey: rename one."));
            return null;
        }
        return found[0];
    }

    private static FormProblem UnclosedReference(string sheet, int row, string header) =>
        new(sheet, row, header,
            $"On the '{sheet}' sheet, the '{header}' value is invalid: a reference must start with '${{', give a name from " +
            "the 'survey' sheet's 'name' column, and end with '}', e.g. ${age}.");

    private static string PathTo(XlsNode source, XlsNode target, bool absoluteOnly, bool inChoiceFilter)
    {
        if (absoluteOnly || (target is XlsContainer container && source.Ancestors().Contains(container)))
            return target.Path;
        var sourceAncestors = source.Ancestors().ToList();
        var common = target.Ancestors().First(sourceAncestors.Contains);
        if (!common.IsRepeat && !common.InRepeat)
            return target.Path;
        var up = sourceAncestors.Count - common.Ancestors().Count();
        var relative = string.Join("/", Enumerable.Repeat("..", up)) + target.Path[common.Path.Length..];
        return inChoiceFilter ? "current()/" + relative : relative;
    }

    /// <summary>Whether the position lies inside the arguments of an <c>indexed-repeat(…)</c> call (outside string literals).</summary>
    private static bool InsideIndexedRepeat(string text, int position)
    {
        var calls = new Stack<string>();
        var quote = '\0';
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < position; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                continue;
            }
            if (char.IsLetterOrDigit(c) || c is '-' or '_' or ':' or '.')
            {
                if (!inWord)
                    word.Clear();
                word.Append(c);
                inWord = true;
                continue;
            }
            inWord = false;
            if (c is '\'' or '"')
                quote = c;
            else if (c == '(')
                calls.Push(word.ToString());
            else if (c == ')' && calls.Count > 0)
                calls.Pop();
            if (!char.IsWhiteSpace(c))
                word.Clear();
        }
        return calls.Contains("indexed-repeat");
    }
}
