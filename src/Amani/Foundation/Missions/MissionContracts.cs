using System.ComponentModel.DataAnnotations;

namespace Amani.Foundation.Missions;

public sealed record MissionResponse(string Code, string Name, string CountryIso3, string TimeZone, DateTime CreatedAt)
{
    public static MissionResponse From(Mission m) => new(m.Code, m.Name, m.CountryIso3, m.TimeZone, m.CreatedAt);
}

public sealed record CreateMissionRequest(
    [property: Required, RegularExpression(MissionRules.CodePattern, ErrorMessage = MissionRules.CodeMessage)] string Code,
    [property: Required, StringLength(MissionLimits.Name, MinimumLength = 2)] string Name,
    [property: Required, RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "Give the ISO 3166-1 alpha-3 country code, e.g. CAF.")] string CountryIso3,
    [property: StringLength(MissionLimits.TimeZone)] string? TimeZone);

public sealed record UpdateMissionRequest(
    [property: Required, StringLength(MissionLimits.Name, MinimumLength = 2)] string Name,
    [property: Required, StringLength(MissionLimits.TimeZone)] string TimeZone);
