using Amani.Platform.Cli;
using System.CommandLine;
using Amani.Platform.Data;
using Amani.Register.Exports;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Register.Exports;

/// <summary>
/// <c>./amani export incidents --mission M --format csv|geojson|hxl --out FILE</c>. The CLI is the operator on the
/// server, so it exports every incident of the mission, restricted ones included, with every field the API's full
/// export has — and, like every export, nothing of community reports or reporters. <c>--public</c> writes what the
/// public export serves instead. The file is written beside FILE and renamed into place once complete, so a failed
/// or interrupted export never leaves a truncated FILE.
/// </summary>
public static class ExportCommands
{
    public static Command Build()
    {
        var mission = new Option<string>("--mission") { Description = "Code of the mission, e.g. MINUSCA.", Required = true };
        var format = new Option<string>("--format") { Description = "csv, geojson or hxl (CSV with the HXL hashtag row second).", Required = true };
        format.AcceptOnlyFromAmong("csv", "geojson", "hxl");
        var output = new Option<FileInfo>("--out") { Description = "File to write (replaced if it exists).", Required = true };
        var publicView = new Option<bool>("--public") { Description = "Export what the public sees: public incidents only, locations coarsened to the district, no unapproved free text." };
        var bom = new Option<bool>("--bom") { Description = "Start CSV files with a UTF-8 byte order mark (lets Excel detect the encoding)." };
        var area = new Option<string?>("--area") { Description = "Only incidents in this area's subtree (P-code)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only incidents that occurred at or after this time (ISO 8601)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only incidents that occurred at or before this time (ISO 8601)." };
        var category = new Option<string?>("--category") { Description = "Only this category and its sub-categories, e.g. battles." };
        var status = new Option<string?>("--status") { Description = "Only incidents with this status (not with --public)." };
        var incidents = new Command("incidents", "Export a mission's incidents, one row or feature per incident.")
        {
            mission, format, output, publicView, bom, area, from, to, category, status,
        };
        incidents.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async (services, ct) =>
        {
            var db = services.GetRequiredService<AmaniDbContext>();
            var code = parse.GetValue(mission)!.Trim().ToUpperInvariant();
            if (await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct) is not { } found)
                return CliHost.Fail($"There is no mission {code} (see `./amani missions list`).");
            var isPublic = parse.GetValue(publicView);
            if (isPublic && parse.GetValue(status) is not null)
                return CliHost.Fail("--status cannot be combined with --public: the public does not see statuses.");
            var all = isPublic ? PublicIncidentsApi.Published(db, found.Id) : db.Incidents.Where(i => i.MissionId == found.Id);
            var filter = new IncidentFilter(parse.GetValue(area), null, parse.GetValue(from), parse.GetValue(to), parse.GetValue(category),
                parse.GetValue(status));
            var filtered = await filter.ApplyAsync(all, db, found, ct);
            if (!filtered.Succeeded)
                return CliHost.Fail($"--{filtered.Field}: {filtered.Error}");
            var exportFormat = parse.GetValue(format) switch { "geojson" => ExportFormat.GeoJson, "hxl" => ExportFormat.Hxl, _ => ExportFormat.Csv };
            var file = parse.GetValue(output)!;
            var partial = file.FullName + ".partial";
            long count;
            try
            {
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    count = await exportFormat.WriteAsync(
                        IncidentExportRows.ReadAsync(db, found.Id, filtered.Value!, isPublic ? ExportAudience.Public : ExportAudience.Full, ct),
                        stream, parse.GetValue(bom), ct);
                File.Move(partial, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(partial); // gone already when the export succeeded
            }
            Console.WriteLine($"{count} incident(s) of {found.Code} written to {file.FullName} ({exportFormat.Extension()}{(isPublic ? ", public view" : "")}).");
            return 0;
        }, cancellationToken));
        return new Command("export", "Export data in the formats of the field (CSV, HXL, GeoJSON).") { incidents };
    }
}
