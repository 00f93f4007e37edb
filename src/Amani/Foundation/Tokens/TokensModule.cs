using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Foundation.Tokens;

/// <summary>Registers the Tokens module: see <see cref="IAmaniModule"/>.</summary>
public sealed class TokensModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddTokens().AddTokenAuthentication();

    public void MapApi(RouteGroupBuilder api) => api.MapTokensApi();

    public void AddCommands(CliCommands commands) => commands.Add(TokenCommands.Build());
}
