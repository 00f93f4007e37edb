using Amani.Platform.Cli;
using Amani.Platform.Problems;
using System.CommandLine;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

public static class MissionCommands
{
    public static Command Build()
    {
        var missions = new Command("missions", "Missions.");
        var code = new Option<string>("--code") { Description = "Short code, e.g. MINUSCA (2–32 letters, digits, hyphens).", Required = true };
        var name = new Option<string>("--name") { Description = "Full name.", Required = true };
        var country = new Option<string>("--country") { Description = "ISO 3166-1 alpha-3 code of the host country, e.g. CAF.", Required = true };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone (default: the host country's, where known)." };
        var create = new Command("create", "Create a mission.") { code, name, country, timeZone };
        create.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var request = new CreateMissionRequest(parse.GetValue(code)!, parse.GetValue(name)!, parse.GetValue(country)!, parse.GetValue(timeZone));
            if (ShapeChecks.Check(request) is { } invalid)
                return CliHost.Fail(invalid);
            var result = await services.GetRequiredService<MissionRules>().CreateAsync(request, ct);
            if (!result.Succeeded)
                return CliHost.Fail($"{result.Field}: {result.Error}");
            Console.WriteLine($"Mission {result.Value!.Code} created ({result.Value.CountryIso3}, {result.Value.TimeZone}).");
            return 0;
        }, cancellationToken));
        missions.Subcommands.Add(create);

        var list = new Command("list", "List missions.");
        list.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            foreach (var m in await services.GetRequiredService<AmaniDbContext>().Missions.AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct))
                Console.WriteLine($"{m.Code,-16} {m.CountryIso3}  {m.TimeZone,-20} {m.Name}");
            return 0;
        }, cancellationToken));
        missions.Subcommands.Add(list);
        return missions;
    }
}
