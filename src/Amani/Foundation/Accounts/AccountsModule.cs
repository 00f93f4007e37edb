using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Accounts;

/// <summary>Registers the Accounts module: see <see cref="IAmaniModule"/>.</summary>
public sealed class AccountsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddAccounts().AddAccountAuthentication();

    public void MapApi(RouteGroupBuilder api) => api.MapAccountApi();
}
