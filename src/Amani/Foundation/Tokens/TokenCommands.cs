using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Foundation.Tokens;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Tokens;

public static class TokenCommands
{
    public static Command Build()
    {
        var tokens = new Command("tokens", "Personal access tokens for the API and automation.");
        tokens.Subcommands.Add(Create());
        tokens.Subcommands.Add(Revoke());
        return tokens;
    }

    private static Command Create()
    {
        var user = new Option<string>("--user") { Description = "E-mail of the user the token acts for.", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = "One or more scopes (permission names such as missions:read), separated by spaces or commas; or 'all': every permission the user's roles grant.",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string>("--name") { Description = "A label to recognise the token by.", DefaultValueFactory = _ => "cli" };
        var days = new Option<int>("--expires-in-days") { Description = $"Lifetime, 1–{TokenLimits.MaxLifetimeDays} days.", DefaultValueFactory = _ => TokenLimits.DefaultLifetimeDays };
        var command = new Command("create", "Create a token; prints the secret once (only its hash is stored).") { user, scopes, name, days };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var owner = await services.GetRequiredService<UserManager<AmaniUser>>().FindByEmailAsync(parse.GetValue(user)!);
            if (owner is null)
                return CliHost.Fail($"There is no user {parse.GetValue(user)}.");
            var requested = parse.GetValue(scopes)!.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var result = await services.GetRequiredService<TokenIssuer>().IssueAsync(owner, parse.GetValue(name)!, requested, parse.GetValue(days), ct);
            if (!result.Succeeded)
                return CliHost.Fail($"{result.Field}: {result.Error}");
            Console.Error.WriteLine($"Token {result.Value!.Token.Id} for {owner.Email}, scopes {result.Value.Token.Scopes}, expires {result.Value.Token.ExpiresAt:yyyy-MM-dd}. " +
                                    "The secret below is shown only now:");
            Console.WriteLine(result.Value.Secret);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke()
    {
        var id = new Option<Guid>("--id") { Description = "The token's id.", Required = true };
        var command = new Command("revoke", "Revoke a token at once.") { id };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (!await services.GetRequiredService<TokenIssuer>().RevokeAsync(parse.GetValue(id), null, ct))
                return CliHost.Fail($"There is no token {parse.GetValue(id)}.");
            Console.WriteLine($"Token {parse.GetValue(id)} revoked.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
