namespace Amani.Governance.Surveys.Forms;

/// <summary>A cell kept with its column's header as written, so that a problem can name it.</summary>
internal sealed record Cell(string Header, string Value);

/// <summary>A question, group or repeat of the survey sheet, with its row.</summary>
internal abstract class FormNode
{
    public required string Name { get; init; }
    public required int Row { get; init; }
    public Container? Parent { get; set; }
    public Texts Labels { get; init; } = new();
    public Texts Hints { get; init; } = new();
    public Dictionary<(string Form, string Language), string> Media { get; init; } = [];
    public Cell? Relevant { get; init; }
    public string? Appearance { get; init; }

    /// <summary>The instance path, e.g. <c>/data/household/age</c>.</summary>
    public string Path => Parent is null ? "/" + Name : Parent.Path + "/" + Name;

    public IEnumerable<Container> Ancestors()
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
    public Dictionary<string, Dictionary<string, IReadOnlyList<LabelPart>>> Parts { get; } = new(StringComparer.Ordinal);
}

/// <summary>The survey itself (the root, named <c>data</c>), a group or a repeat.</summary>
internal sealed class Container : FormNode
{
    public bool IsRepeat { get; init; }
    public bool IsRoot => Parent is null;
    public Cell? RepeatCount { get; init; }
    public List<FormNode> Children { get; } = [];

    public IEnumerable<FormNode> Descendants() =>
        Children.SelectMany(c => c is Container inner ? inner.Descendants().Prepend(c) : [c]);
}

/// <summary>A question: its type, its choice list for selects, and its columns.</summary>
internal sealed class Question : FormNode
{
    public required QuestionType Type { get; init; }
    public string? ListName { get; init; }
    public Cell? Required { get; init; }
    public Texts RequiredMessages { get; init; } = new();
    public Cell? Constraint { get; init; }
    public Texts ConstraintMessages { get; init; } = new();
    public Cell? Calculation { get; init; }
    public Cell? Default { get; init; }
    public Cell? ChoiceFilter { get; init; }

    /// <summary>The default when it is a value (written into the instance); a default that is an expression is set on load instead.</summary>
    public string? StaticDefault { get; set; }
}

/// <summary>One choice of a list, its row, labels, media and its other columns (what choice filters test), in column order.</summary>
internal sealed record Choice(int Row, string Name, Texts Labels, Dictionary<(string Form, string Language), string> Media,
    IReadOnlyList<(string Column, string Value)> Extra);

/// <summary>A choice list of the choices sheet, in sheet order.</summary>
internal sealed class ChoiceList(string name, int row)
{
    public string Name { get; } = name;
    public int FirstRow { get; } = row;
    public List<Choice> Choices { get; } = [];
}

/// <summary>The settings sheet's values (its first row below the header).</summary>
internal sealed record FormSettings(string? FormId, string? Title, string? Version, string? DefaultLanguage, int Row);
