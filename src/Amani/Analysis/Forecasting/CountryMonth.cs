using Amani.Platform.Audit;
namespace Amani.Analysis.Forecasting;

/// <summary>
/// One country in one month, as aggregated by UCDP/ViEWS (reference data for forecasting, shared by every mission):
/// best-estimate deaths and event counts for state-based (<c>sb</c>), non-state (<c>ns</c>) and one-sided (<c>os</c>)
/// violence. The key is ViEWS' own <c>country_id</c> and <c>month_id</c> = (year − 1980)·12 + month.
/// </summary>
public sealed class CountryMonth
{
    /// <summary>What audit rows about the country-month reference data name (<c>country_months</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("country_months");

    public int CountryId { get; set; }
    public int MonthId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    /// <summary>ISO 3166 alpha-3 (ViEWS' <c>isoab</c>), when the file has it.</summary>
    public string? Iso3 { get; set; }
    public string? CountryName { get; set; }
    public int GedBestSb { get; set; }
    public int GedBestNs { get; set; }
    public int GedBestOs { get; set; }
    /// <summary>Event counts, when the file has them.</summary>
    public int? GedCountSb { get; set; }
    public int? GedCountNs { get; set; }
    public int? GedCountOs { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether the imported values equal <paramref name="other"/>'s (the key and <see cref="UpdatedAt"/> aside).</summary>
    public bool SameValuesAs(CountryMonth other) =>
        (Year, Month, Iso3, CountryName, GedBestSb, GedBestNs, GedBestOs, GedCountSb, GedCountNs, GedCountOs) ==
        (other.Year, other.Month, other.Iso3, other.CountryName, other.GedBestSb, other.GedBestNs, other.GedBestOs, other.GedCountSb, other.GedCountNs, other.GedCountOs);

    /// <summary>Copies the imported values of <paramref name="source"/>.</summary>
    public void CopyValuesFrom(CountryMonth source)
    {
        (Year, Month, Iso3, CountryName) = (source.Year, source.Month, source.Iso3, source.CountryName);
        (GedBestSb, GedBestNs, GedBestOs) = (source.GedBestSb, source.GedBestNs, source.GedBestOs);
        (GedCountSb, GedCountNs, GedCountOs) = (source.GedCountSb, source.GedCountNs, source.GedCountOs);
    }

    /// <summary>ViEWS' month id: 1 = January 1980.</summary>
    public static int MonthIdOf(int year, int month) => (year - 1980) * 12 + month;
    public static (int Year, int Month) YearMonthOf(int monthId) => (1980 + (monthId - 1) / 12, (monthId - 1) % 12 + 1);
}
