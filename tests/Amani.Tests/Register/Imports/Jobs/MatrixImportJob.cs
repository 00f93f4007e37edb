using Amani.Tests.Infrastructure;

namespace Amani.Tests.Register.Imports.Jobs;

/// <summary>The import job of the access-matrix world: a small ViEWS country-month file the administrator uploaded, run to its end.</summary>
public static class MatrixImportJob
{
    public static async Task<Guid> CreateAsync(HttpClient admin)
    {
        var queued = await ImportJobs.UploadAsync(admin, ImportJobs.Form("views-cm",
            file: "month_id,country_id,ged_best_sb,ged_best_ns,ged_best_os\n1,900,0,0,0\n2,900,x,0,0\n"u8.ToArray()));
        return ImportJobs.Id(await ImportJobs.PollAsync(admin, ImportJobs.Id(queued)));
    }
}
