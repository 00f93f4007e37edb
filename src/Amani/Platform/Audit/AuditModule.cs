using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Platform.Audit;

/// <summary>Registers the Audit module: see <see cref="IAmaniModule"/>.</summary>
public sealed class AuditModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddAudit();

    public void MapApi(RouteGroupBuilder api) => api.MapAuditApi();

    public void AddCommands(CliCommands commands) => commands.Add(AuditCommands.Build());
}
