using Amani.Foundation.Missions;
using Amani.Platform.Data;
using Amani.Register.Imports;
using Amani.Register.Imports.Jobs;

namespace Amani.Analysis.Forecasting;

/// <summary>ViEWS/UCDP country-months (CSV) through the API's import jobs: reference data for every mission.</summary>
public sealed class CountryMonthImportKind : ImportKind
{
    public override string Slug => CountryMonthImporter.Source;
    public override string DisplayName => "ViEWS/UCDP country-months (CSV)";
    public override bool NeedsMission => false;

    public override Task<string?> CheckAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = clock.GetUtcNow().UtcDateTime;
        var monthId = CountryMonth.MonthIdOf(today.Year, today.Month);
        return ImportFileCheck.CheckCsvAsync(this, path, header => new CountryMonthRow(header, monthId).MissingColumns(), cancellationToken);
    }

    public override async Task<Result<ImportSummary>> RunAsync(ImportJob job, Mission? mission, string upload, ImportOptions options,
        IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<CountryMonthImporter>().ImportAsync(upload, options, cancellationToken);
}
