using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;
using Amani.Register.Imports.Jobs;

namespace Amani.Register.Imports;

/// <summary>Registers incident imports (command line and background jobs through the API): see <see cref="IAmaniModule"/>.</summary>
public sealed class ImportsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddImports().AddImportJobs();

    public void MapApi(RouteGroupBuilder api) => api.MapImportJobsApi();

    public void AddCommands(CliCommands commands) => ImportCommands.AddTo(commands.Import);
}
