using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Platform.Access;
using Amani.Foundation.Organizations;
using Amani.Foundation.Users;
using Amani.Platform.Data;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Users;

public static class UserCommands
{
    private static readonly Option<string> Email = new("--email") { Description = "The user's e-mail address (their sign-in name).", Required = true };

    public const string Name = "users";
    public const string Description = "User accounts and their roles.";

    /// <summary>Adds <c>users create</c> and <c>users unlock</c> (the Setup module adds <c>users create-admin</c>).</summary>
    public static void AddTo(CliCommands commands)
    {
        var users = commands.Group(Name, Description);
        users.Subcommands.Add(Create());
        users.Subcommands.Add(Unlock());
    }

    private static Command Create()
    {
        var role = new Option<string>("--role") { Description = $"One of: {AccessCatalog.RoleNames}.", Required = true };
        var mission = new Option<string?>("--mission") { Description = "Mission code the role is limited to (default: every mission)." };
        var area = new Option<string?>("--area") { Description = "P-code of the area subtree the role is limited to (needs --mission)." };
        var organization = new Option<string?>("--organization") { Description = "Organisation name or acronym (required for a role held for an organisation, such as Partner)." };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in the interface (default: the e-mail)." };
        var command = new Command("create", "Create a user with a role; prints a generated initial password once.")
            { Email, role, mission, area, organization, displayName };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (!Role.TryParse(parse.GetValue(role)!, out var parsedRole))
                return CliHost.Fail($"'{parse.GetValue(role)}' is not a role. Roles: {AccessCatalog.RoleNames}.");
            Guid? organizationId = null;
            if (parse.GetValue(organization) is { } organizationName)
            {
                var db = services.GetRequiredService<AmaniDbContext>();
                organizationId = await db.Organizations.Where(o => o.Name == organizationName || o.Acronym == organizationName)
                    .Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
                if (organizationId is null)
                    return CliHost.Fail($"There is no organisation named '{organizationName}'.");
            }
            var administration = services.GetRequiredService<UserAdministration>();
            var created = await administration.CreateAsync(parse.GetValue(Email)!, parse.GetValue(displayName), null, ct);
            if (!created.Succeeded)
                return CliHost.Fail($"{created.Field}: {created.Error}");
            var granted = await administration.GrantAsync(created.Value!.User,
                new GrantRoleRequest(parsedRole, parse.GetValue(mission), parse.GetValue(area), organizationId), ct);
            if (!granted.Succeeded)
                return CliHost.Fail($"The user was created but the role was not granted — {granted.Field}: {granted.Error}");
            Console.WriteLine($"User {created.Value.User.Email} created with role {parsedRole}" + (parse.GetValue(mission) is { } m ? $" in {m.ToUpperInvariant()}." : "."));
            Console.WriteLine($"Initial password (shown only now; ask the user to change it): {created.Value.GeneratedPassword}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Unlock()
    {
        var command = new Command("unlock", "Unlock an account locked by failed sign-ins or by an administrator.") { Email };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var user = await services.GetRequiredService<UserManager<AmaniUser>>().FindByEmailAsync(parse.GetValue(Email)!);
            if (user is null)
                return CliHost.Fail($"There is no user {parse.GetValue(Email)}.");
            await services.GetRequiredService<UserAdministration>().SetLockedAsync(user, false, ct);
            Console.WriteLine($"User {user.Email} unlocked.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
