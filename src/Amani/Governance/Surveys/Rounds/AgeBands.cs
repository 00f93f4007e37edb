namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// The age groups of the analysis: 18–24, 25–34, 35–49, 50+ (the bands of the Harvard Humanitarian Initiative's
/// perception polls). An age under 18, above 120 or not a whole number leaves the respondent out of the age cells only.
/// </summary>
public static class AgeBands
{
    public static IReadOnlyList<string> All { get; } = ["18-24", "25-34", "35-49", "50+"];

    public static string? Of(double age) => age switch
    {
        < 18 or > 120 => null,
        _ when age != Math.Floor(age) => null,
        < 25 => "18-24",
        < 35 => "25-34",
        < 50 => "35-49",
        _ => "50+",
    };
}
