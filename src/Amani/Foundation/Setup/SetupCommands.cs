using System.CommandLine;
using Amani.Foundation.Users;
using Amani.Platform.Cli;

namespace Amani.Foundation.Setup;

/// <summary><c>./amani users create-admin</c>: the first (or another) platform-wide administrator, from the command line.</summary>
public static class SetupCommands
{
    private static readonly Option<string> Email = new("--email") { Description = "The user's e-mail address (their sign-in name).", Required = true };

    public static void AddTo(CliCommands commands) =>
        commands.Group(UserCommands.Name, UserCommands.Description).Subcommands.Add(CreateAdmin());

    private static Command CreateAdmin()
    {
        var passwordFile = new Option<FileInfo>("--password-file")
        {
            Description = $"File holding the password (at least {UserLimits.MinPasswordLength} characters; '-' reads standard input). Keeps it out of the shell history.",
            Required = true,
        };
        var command = new Command("create-admin", "Create a platform-wide administrator.") { Email, passwordFile };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var file = parse.GetValue(passwordFile)!;
            string password;
            if (file.Name == "-")
                password = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            else if (!file.Exists)
                return CliHost.Fail($"The password file {file.FullName} does not exist.");
            else
                password = (await File.ReadAllTextAsync(file.FullName, ct)).TrimEnd('\r', '\n');
            var result = await services.GetRequiredService<FirstAdministrator>().CreateAdministratorAsync(parse.GetValue(Email)!, password, ct);
            if (!result.Succeeded)
                return CliHost.Fail($"{result.Field}: {result.Error}");
            Console.WriteLine($"Administrator {result.Value!.User.Email} created (id {result.Value.User.Id}).");
            return 0;
        }, cancellationToken));
        return command;
    }

}
