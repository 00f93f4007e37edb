namespace Amani.Tests.Infrastructure;

/// <summary>
/// The real reference datasets in the repository's <c>datasets/</c> folder (see its README for source and licence),
/// which the test project copies beside the test assembly.
/// </summary>
public static class Datasets
{
    /// <summary>UCDP GED country-month totals as used by ViEWS 2020: 72,652 rows, 199 countries, 1988-12 – 2020-08.</summary>
    public static readonly string ViewsCountryMonths = Path.Combine(AppContext.BaseDirectory, "datasets", "ucdp", "views_cm_1988-12_2020-08.csv");

    /// <summary>The 54 African ViEWS <c>country_id</c>s the ViEWS 2020 competition scored.</summary>
    public static readonly string Views2020AfricaCountries = Path.Combine(AppContext.BaseDirectory, "datasets", "ucdp", "views2020_africa_countries.csv");
}
