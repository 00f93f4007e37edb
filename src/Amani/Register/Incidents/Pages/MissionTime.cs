using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Amani.Foundation.Missions;

namespace Amani.Register.Incidents.Pages;

/// <summary>
/// Times on the incident pages are the mission's local time (the zone of <see cref="Mission.TimeZone"/>), as the API's
/// <c>occurredLocal</c>: what people in the mission read on their watches. Forms send local times back; stored times are UTC.
/// </summary>
public static class MissionTime
{
    public static DateTime Local(Mission mission, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(mission));

    /// <summary>e.g. "2026-11-21 10:30" in the mission's zone.</summary>
    public static string Show(Mission mission, DateTime utc) => Local(mission, utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A local time of the mission (a form's date or datetime-local) as an instant.</summary>
    public static DateTimeOffset Instant(Mission mission, DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone(mission).GetUtcOffset(unspecified));
    }

    private static TimeZoneInfo Zone(Mission mission) => TimeZoneInfo.FindSystemTimeZoneById(mission.TimeZone);
}

/// <summary>The API's shape checks (data annotations on its request records), run for a page's form.</summary>
public static class InputShape
{
    /// <summary>The first field that breaks its annotation and why, or null when <paramref name="input"/> is well-formed.</summary>
    public static (string Field, string Error)? FirstError(object input)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            return null;
        var first = results[0];
        return (first.MemberNames.FirstOrDefault() ?? "", first.ErrorMessage ?? "Invalid.");
    }
}
