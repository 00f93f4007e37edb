using System.CommandLine;
using Amani.Platform.Cli;
using Amani.Platform.Hosting;

namespace Amani.Platform.Modules;

/// <summary>
/// A feature's single registration point: its services, its endpoints under <c>/api/v1</c> and its commands of
/// <c>./amani</c>. Every module of <c>Foundation</c>, <c>Register</c>, <c>Analysis</c> and <c>Governance</c> has exactly
/// one, named after its folder (<c>IncidentsModule</c> in <c>Register/Incidents</c>), and is listed once in
/// <see cref="AmaniModules.All"/>. The platform never names a module anywhere else: what a module adds to a shared
/// mechanism (the live feed, audit bookkeeping, the first start) it registers here as a service of that mechanism.
/// </summary>
public interface IAmaniModule
{
    /// <summary>Services, options, background services and the module's contributions to shared mechanisms.</summary>
    void AddServices(IServiceCollection services, AmaniSettings settings)
    {
    }

    /// <summary>Endpoints, on the <c>/api/v1</c> group (the module adds its own prefixes).</summary>
    void MapApi(RouteGroupBuilder api)
    {
    }

    /// <summary>Commands of <c>./amani</c>: top-level ones, or subcommands of a shared verb such as <c>import</c>.</summary>
    void AddCommands(CliCommands commands)
    {
    }
}
