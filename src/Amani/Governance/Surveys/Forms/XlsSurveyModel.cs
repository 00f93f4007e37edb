namespace Amani.Governance.Surveys.Forms;

/// <summary>A cell kept with its column's header as written, so that a problem can name it.</summary>
internal sealed record XlsCell(string Header, string Value);

/// <summary>A question, group or repeat of the survey sheet, with its row.</summary>
internal abstract class XlsNode
{
    public required string Name { get; init; }
    public required int Row { get; init; }
    public XlsContainer? Parent { get; set; }
    public XlsTexts Labels { get; init; } = new();
    public XlsTexts Hints { get; init; } = new();
    public Dictionary<(string Form, string Language), string> Media { get; init; } = [];
    public XlsCell? Relevant { get; init; }
    public string? Appearance { get; init; }

    /// <summary>The instance path, e.g. <c>/data/household/age</c>.</summary>
    public string Path => Parent is null ? "/" + Name : Parent.Path + "/" + Name;

    public IEnumerable<XlsContainer> Ancestors()
    {
        for (var parent = Parent; parent is not null; parent = parent.Parent)
            yield return parent;
    }

    public bool InRepeat => Ancestors().Any(a => a.IsRepeat);

    /// <summary>The XPath expressions of the node after <c>${name}</c> references were replaced (bind attribute → expression).</summary>
    public Dictionary<string, string> Compiled { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The node's texts with references resolved, by kind (<c>label</c>, <c>hint</c>, <c>jr:constraintMsg</c>,
    /// <c>jr:requiredMsg</c>) and language; every language of the form once missing ones were filled.
    /// </summary>
    public Dictionary<string, Dictionary<string, IReadOnlyList<XFormLabelPart>>> Parts { get; } = new(StringComparer.Ordinal);
}

/// <summary>The survey itself (the root, named <c>data</c>), a group or a repeat.</summary>
internal sealed class XlsContainer : XlsNode
{
    public bool IsRepeat { get; init; }
    public bool IsRoot => Parent is null;
    public XlsCell? RepeatCount { get; init; }
    public List<XlsNode> Children { get; } = [];

    public IEnumerable<XlsNode> Descendants() =>
        Children.SelectMany(c => c is XlsContainer inner ? inner.Descendants().Prepend(c) : [c]);
}

/// <summary>A question: its type, its choice list for selects, and its columns.</summary>
internal sealed class XlsQuestion : XlsNode
{
    public required XlsQuestionType Type { get; init; }
    public string? ListName { get; init; }
    public XlsCell? Required { get; init; }
    public XlsTexts RequiredMessages { get; init; } = new();
    public XlsCell? Constraint { get; init; }
    public XlsTexts ConstraintMessages { get; init; } = new();
    public XlsCell? Calculation { get; init; }
    public XlsCell? Default { get; init; }
    public XlsCell? ChoiceFilter { get; init; }
    /// <summary>The <c>hxl</c> column (a hashtag with its attributes), kept for the exports.</summary>
    public string? Hxl { get; init; }
    /// <summary>The <c>personal</c> column read as yes (true) or no (false); null when empty.</summary>
    public bool? Personal { get; init; }

    /// <summary>The default when it is a value (written into the instance); a default that is an expression is set on load instead.</summary>
    public string? StaticDefault { get; set; }
}

/// <summary>One choice of a list, its row, labels, media and its other columns (what choice filters test), in column order.</summary>
internal sealed record XlsChoice(int Row, string Name, XlsTexts Labels, Dictionary<(string Form, string Language), string> Media,
    IReadOnlyList<(string Header, string Value)> Extra);

/// <summary>A choice list of the choices sheet, in sheet order.</summary>
internal sealed class XlsChoiceList(string name, int row)
{
    public string Name { get; } = name;
    public int FirstRow { get; } = row;
    public List<XlsChoice> Choices { get; } = [];
}

/// <summary>The settings sheet's values (its first row below the header); <c>consent</c> names the question that gates the form.</summary>
internal sealed record XlsSettings(string? FormId, string? Title, string? Version, string? DefaultLanguage, int Row, string? Consent = null);
