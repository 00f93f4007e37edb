using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

/// <summary>Creating and changing missions; shared by the API and the CLI.</summary>
public sealed class MissionRules(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string CodePattern = "^[A-Za-z0-9-]{2,32}$";
    public const string CodeMessage = "A mission code has 2 to 32 letters, digits or hyphens, e.g. MINUSCA.";

    /// <summary>Time zones of host countries of current and recent peace operations, used when none is given.</summary>
    private static readonly Dictionary<string, string> CountryTimeZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CAF"] = "Africa/Bangui", ["COD"] = "Africa/Kinshasa", ["SSD"] = "Africa/Juba", ["SDN"] = "Africa/Khartoum",
        ["MLI"] = "Africa/Bamako", ["SOM"] = "Africa/Mogadishu", ["LBY"] = "Africa/Tripoli", ["ESH"] = "Africa/El_Aaiun",
        ["SYR"] = "Asia/Damascus", ["LBN"] = "Asia/Beirut", ["IRQ"] = "Asia/Baghdad", ["YEM"] = "Asia/Aden",
        ["AFG"] = "Asia/Kabul", ["CYP"] = "Asia/Nicosia", ["HTI"] = "America/Port-au-Prince", ["COL"] = "America/Bogota",
        ["XKX"] = "Europe/Belgrade", ["PAK"] = "Asia/Karachi", ["IND"] = "Asia/Kolkata", ["ISR"] = "Asia/Jerusalem",
        ["PSE"] = "Asia/Gaza", ["BFA"] = "Africa/Ouagadougou", ["NER"] = "Africa/Niamey", ["TCD"] = "Africa/Ndjamena",
        ["CMR"] = "Africa/Douala", ["NGA"] = "Africa/Lagos", ["MOZ"] = "Africa/Maputo", ["ETH"] = "Africa/Addis_Ababa",
    };

    public static string? ResolveTimeZone(string? timeZone, string countryIso3)
    {
        var zone = string.IsNullOrWhiteSpace(timeZone) ? CountryTimeZones.GetValueOrDefault(countryIso3) : timeZone.Trim();
        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? zone : null;
    }

    public async Task<Result<Mission>> CreateAsync(CreateMissionRequest request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        var country = request.CountryIso3.Trim().ToUpperInvariant();
        if (ResolveTimeZone(request.TimeZone, country) is not { } zone)
            return Result<Mission>.Invalid("timeZone", string.IsNullOrWhiteSpace(request.TimeZone)
                ? $"No default time zone is known for {country}; give an IANA time zone such as Africa/Bangui."
                : $"'{request.TimeZone}' is not an IANA time zone known to this server (e.g. Africa/Bangui).");
        if (await db.Missions.AnyAsync(m => m.Code == code, cancellationToken))
            return Result<Mission>.Invalid("code", $"A mission with the code {code} already exists.");

        var mission = new Mission { Code = code, Name = request.Name.Trim(), CountryIso3 = country, TimeZone = zone, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Missions.Add(mission);
        audit.Record(AuditAction.MissionCreated, Mission.AuditEntity, mission.Id, $"Mission {code} '{mission.Name}' created ({country}, {zone}).");
        await db.SaveChangesAsync(cancellationToken);
        return Result<Mission>.Ok(mission);
    }

    public async Task<Result<Mission>> UpdateAsync(Mission mission, UpdateMissionRequest request, CancellationToken cancellationToken)
    {
        if (ResolveTimeZone(request.TimeZone, mission.CountryIso3) is not { } zone)
            return Result<Mission>.Invalid("timeZone", $"'{request.TimeZone}' is not an IANA time zone known to this server (e.g. Africa/Bangui).");
        var changes = new List<string>();
        if (mission.Name != request.Name.Trim())
            changes.Add($"name '{mission.Name}' → '{request.Name.Trim()}'");
        if (mission.TimeZone != zone)
            changes.Add($"time zone {mission.TimeZone} → {zone}");
        if (changes.Count == 0)
            return Result<Mission>.Ok(mission);
        mission.Name = request.Name.Trim();
        mission.TimeZone = zone;
        audit.Record(AuditAction.MissionUpdated, Mission.AuditEntity, mission.Id, $"Mission {mission.Code}: {string.Join(", ", changes)}.");
        await db.SaveChangesAsync(cancellationToken);
        return Result<Mission>.Ok(mission);
    }
}
