using Amani.Register.Incidents;
using Amani.Foundation.Taxonomy;

namespace Amani.Register.Imports;

/// <summary>The incident rules every imported row must satisfy, whatever its dataset (<see cref="IncidentRules"/>' checks, as values).</summary>
public static class ImportValidation
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromDays(1);

    /// <summary>Why <paramref name="row"/> cannot be stored, or null when it can.</summary>
    public static string? Check(ImportedIncident row, DateTime now)
    {
        if (Categories.Find(row.CategoryCode) is null)
            return $"'{row.CategoryCode}' is not a category.";
        if (row.OccurredFrom < IncidentRules.Earliest)
            return "The date is before 1900.";
        if (row.OccurredUntil > now + ClockSkew)
            return "The date is in the future.";
        if (row.OccurredUntil < row.OccurredFrom)
            return "The end date is before the start date.";
        if ((row.Latitude is null) != (row.Longitude is null))
            return "Only one of latitude and longitude is given.";
        if (row.Latitude is < -90 or > 90 || row.Longitude is < -180 or > 180)
            return "Coordinates are out of range (latitude −90…90, longitude −180…180).";
        if (row.FatalitiesLow > row.FatalitiesBest || row.FatalitiesBest > row.FatalitiesHigh || row.FatalitiesLow > row.FatalitiesHigh)
            return "Fatalities must satisfy low ≤ best ≤ high.";
        if (row.CivilianFatalities > (row.FatalitiesHigh ?? row.FatalitiesBest ?? int.MaxValue))
            return "Civilian fatalities exceed the fatalities.";
        if (row.Description.Length > IncidentLimits.Description)
            return $"The description is longer than {IncidentLimits.Description} characters.";
        return null;
    }
}
