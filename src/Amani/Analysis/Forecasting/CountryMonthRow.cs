using System.Globalization;
using CsvHelper;

namespace Amani.Analysis.Forecasting;

/// <summary>
/// Reads one row of a ViEWS/UCDP country-month CSV. Required columns: <c>month_id, country_id, ged_best_sb, ged_best_ns,
/// ged_best_os</c>; optional: <c>year, month</c> (checked against <c>month_id</c>), <c>isoab</c>, <c>country_name</c>,
/// <c>ged_count_sb/ns/os</c>. Numbers may be written as decimals (<c>12.0</c>) but must be whole and not negative.
/// </summary>
public sealed class CountryMonthRow
{
    public static readonly string[] Required = ["month_id", "country_id", "ged_best_sb", "ged_best_ns", "ged_best_os"];

    private readonly Dictionary<string, int> _columns;
    private readonly int _lastMonthId;

    /// <param name="header">The file's header (trimmed).</param>
    /// <param name="lastMonthId">The highest month id accepted (the current month).</param>
    public CountryMonthRow(IReadOnlyList<string> header, int lastMonthId)
    {
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            _columns.TryAdd(header[i], i);
        _lastMonthId = lastMonthId;
    }

    public IReadOnlyList<string> MissingColumns() => Required.Where(c => !_columns.ContainsKey(c)).ToList();

    /// <summary>The key as written in the rejects file, or null when the row has none readable.</summary>
    public string? KeyOf(IReaderRow row) =>
        FieldsOf(row) is var fields && Field(fields, "country_id") is { Length: <= 20 } country && Field(fields, "month_id") is { Length: <= 20 } month
            ? $"{country}/{month}" : null;

    /// <summary>The row as a <see cref="CountryMonth"/>, or why it is rejected.</summary>
    public (CountryMonth? Value, string? Rejection) Map(IReaderRow row) => Map(FieldsOf(row));

    /// <summary>
    /// The row as a <see cref="CountryMonth"/>, or why it is rejected, <paramref name="row"/> giving the field at a
    /// (header) index: the text as written, or null when the row has no such field.
    /// </summary>
    public (CountryMonth? Value, string? Rejection) Map(Func<int, string?> row)
    {
        var problems = new List<string>();
        var monthId = Whole(row, "month_id", problems, required: true);
        var countryId = Whole(row, "country_id", problems, required: true);
        var value = new CountryMonth
        {
            GedBestSb = Whole(row, "ged_best_sb", problems, required: true) ?? 0,
            GedBestNs = Whole(row, "ged_best_ns", problems, required: true) ?? 0,
            GedBestOs = Whole(row, "ged_best_os", problems, required: true) ?? 0,
            GedCountSb = Whole(row, "ged_count_sb", problems, required: false),
            GedCountNs = Whole(row, "ged_count_ns", problems, required: false),
            GedCountOs = Whole(row, "ged_count_os", problems, required: false),
        };
        if (countryId is 0)
            problems.Add("country_id must be a positive whole number.");
        if (monthId is { } id && (id < 1 || id > _lastMonthId))
            problems.Add($"month_id {id} is out of range: 1 (January 1980) to {_lastMonthId} (this month).");
        else if (monthId is { } valid)
        {
            (value.Year, value.Month) = CountryMonth.YearMonthOf(valid);
            var year = Whole(row, "year", problems, required: false);
            var month = Whole(row, "month", problems, required: false);
            if ((year is { } y && y != value.Year) || (month is { } m && m != value.Month))
                problems.Add($"year/month {year}-{month} disagree with month_id {valid} ({value.Year}-{value.Month:00}).");
        }
        var iso3 = Field(row, "isoab");
        if (iso3 is { Length: > 0 } && (iso3.Length != 3 || !iso3.All(char.IsAsciiLetterUpper)))
            problems.Add($"isoab '{Shorten(iso3)}' is not an ISO 3166 alpha-3 code (three capital letters).");
        value.Iso3 = iso3 is { Length: > 0 } ? iso3 : null;
        var name = Field(row, "country_name");
        if (name is { Length: > CountryMonthLimits.CountryName })
            problems.Add($"country_name is longer than {CountryMonthLimits.CountryName} characters.");
        value.CountryName = name is { Length: > 0 } ? name : null;
        if (problems.Count > 0)
            return (null, string.Join(" ", problems));
        (value.CountryId, value.MonthId) = (countryId!.Value, monthId!.Value);
        return (value, null);
    }

    private static Func<int, string?> FieldsOf(IReaderRow row) => index => row.TryGetField<string>(index, out var text) ? text : null;

    private string? Field(Func<int, string?> row, string column) =>
        _columns.TryGetValue(column, out var index) ? row(index)?.Trim() : null;

    private int? Whole(Func<int, string?> row, string column, List<string> problems, bool required)
    {
        var text = Field(row, column);
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                problems.Add($"{column} is empty.");
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            problems.Add($"{column} '{Shorten(text)}' is not a number.");
            return null;
        }
        if (number < 0 || number > int.MaxValue || Math.Floor(number) != number)
        {
            problems.Add($"{column} {Shorten(text)} is not a whole number from 0 to {int.MaxValue}.");
            return null;
        }
        return (int)number;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
