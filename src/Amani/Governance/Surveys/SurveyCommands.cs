using System.CommandLine;
using Amani.Platform.Cli;
using Amani.Platform.Directories;

namespace Amani.Governance.Surveys;

/// <summary>
/// <c>./amani surveys import-form FILE --mission M [--survey ID]</c> prints the form id (its last line, alone), and
/// <c>./amani surveys app-user create --mission M --name N [--survey ID]</c> prints, on its last line, the server URL to
/// give ODK Collect (it carries the app user's token, shown this once). The CLI is the operator on the server: the audit
/// log names the operating-system user. A refused file prints every problem (sheet, row, column) and exits with 1.
/// </summary>
public static class SurveyCommands
{
    public static void AddTo(CliCommands commands)
    {
        var surveys = commands.Group("surveys", "Surveys: forms for ODK Collect, KoboCollect and the browser, and the app users that send them.");
        surveys.Subcommands.Add(ImportForm());
        var appUser = new Command("app-user", "App users: the phones that reach the OpenRosa server with a key in their server URL.");
        appUser.Subcommands.Add(CreateAppUser());
        surveys.Subcommands.Add(appUser);
    }

    private static Option<string> MissionOption() => new("--mission") { Description = "Code of the mission, e.g. MINUSCA.", Required = true };

    private static Command ImportForm()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An XLSForm (.xlsx) or an XForm (.xml)." };
        var mission = MissionOption();
        var survey = new Option<Guid?>("--survey") { Description = "The survey to add a new form to (default: a survey named after the form's title)." };
        var command = new Command("import-form", "Import a form (a new form, or a new version of a known form id); prints the form id.") { file, mission, survey };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (await FindAsync(services, parse.GetValue(mission)!, ct) is not { } found)
                return CliHost.Fail($"There is no mission {parse.GetValue(mission)!.Trim().ToUpperInvariant()} (see `./amani missions list`).");
            var path = parse.GetValue(file)!;
            if (!path.Exists)
                return CliHost.Fail($"There is no file {path.FullName}.");
            ImportOutcome outcome;
            await using (var stream = path.OpenRead())
                outcome = await services.GetRequiredService<FormImports>().ImportAsync(found, parse.GetValue(survey), path.Name, stream, null, ct);
            if (outcome.Problems is { } problems)
            {
                foreach (var problem in problems)
                    Console.Error.WriteLine(SurveysApi.FormProblemText(problem));
                return CliHost.Fail($"{path.Name} is not a form Amani can use ({problems.Count} problem(s), listed above); nothing was written.");
            }
            if (outcome.Refusal is { } refusal)
                return CliHost.Fail(refusal.Message);
            var imported = outcome.Value!;
            Console.Error.WriteLine(imported.Created
                ? $"Form '{imported.XmlFormId}' version '{imported.Version}' ({imported.Title}) imported into {found.Code}, {imported.Hash}."
                : $"Form '{imported.XmlFormId}' version '{imported.Version}' was already there, identical; nothing changed.");
            if (imported.MediaFiles.Count > 0)
                Console.Error.WriteLine($"It refers to media files to upload: {string.Join(", ", imported.MediaFiles)}.");
            Console.WriteLine(imported.XmlFormId);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command CreateAppUser()
    {
        var mission = MissionOption();
        var name = new Option<string>("--name") { Description = "Who carries the phone, or the team.", Required = true };
        var survey = new Option<Guid?>("--survey") { Description = "Limit the app user to one survey's forms (default: every survey of the mission)." };
        var command = new Command("create", "Create an app user; prints, on its last line, the server URL for ODK Collect (shown only now).") { mission, name, survey };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            if (await FindAsync(services, parse.GetValue(mission)!, ct) is not { } found)
                return CliHost.Fail($"There is no mission {parse.GetValue(mission)!.Trim().ToUpperInvariant()} (see `./amani missions list`).");
            var outcome = await services.GetRequiredService<AppUsers>().CreateAsync(found, new AppUserInput(parse.GetValue(name), parse.GetValue(survey)), null, ct);
            if (outcome.Refusal is { } refusal)
                return CliHost.Fail($"{refusal.Field}: {refusal.Message}");
            Console.WriteLine($"App user '{outcome.Value!.Name}' ({outcome.Value.Id}) created in {found.Code}. Its key is shown only now; " +
                              "in ODK Collect: Settings › Project management › Server, or scan the QR code on the app users page.");
            Console.WriteLine(outcome.Value.ServerUrl);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Task<MissionEntry?> FindAsync(IServiceProvider services, string code, CancellationToken cancellationToken) =>
        services.GetRequiredService<IMissionDirectory>().FindAsync(code.Trim().ToUpperInvariant(), cancellationToken);
}
