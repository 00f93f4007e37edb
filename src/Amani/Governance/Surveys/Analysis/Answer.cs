namespace Amani.Governance.Surveys.Analysis;

/// <summary>
/// One respondent's answer to one question: missing (the default: not asked, skipped, "don't know" mapped to missing by
/// the caller), one choice, a set of choices (possibly empty: answered, none chosen), or a number. Missing answers are
/// left out of the estimate's denominator.
/// </summary>
public readonly struct Answer
{
    private Answer(string? choice, IReadOnlyList<string>? choices, double number, bool isNumber)
    {
        ChoiceValue = choice;
        ChoiceValues = choices;
        NumberValue = number;
        IsNumber = isNumber;
    }

    public static Answer Missing => default;

    public static Answer Choice(string choice) => new(choice, null, 0, false);

    public static Answer Choices(params string[] choices) => new(null, choices, 0, false);

    public static Answer Choices(IReadOnlyList<string> choices) => new(null, choices, 0, false);

    public static Answer Number(double value) => new(null, null, value, true);

    public string? ChoiceValue { get; }

    public IReadOnlyList<string>? ChoiceValues { get; }

    public double NumberValue { get; }

    public bool IsNumber { get; }

    public bool IsMissing => ChoiceValue is null && ChoiceValues is null && !IsNumber;

    public override string ToString() =>
        IsMissing ? "(missing)"
        : IsNumber ? NumberValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : ChoiceValue ?? string.Join(' ', ChoiceValues!);
}
