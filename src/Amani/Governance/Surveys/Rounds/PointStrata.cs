using System.Globalization;
using Amani.Foundation.Areas;
using Amani.Foundation.Areas.Geo;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// Of the respondents of a round whose stratum comes from a geopoint and who otherwise count (consent given): how many
/// gave no readable point, how many gave a point in no admin area of the mission, and how many a point in an area that is
/// neither one of the round's strata nor inside one. All three are left out of the round (and counted in its
/// <c>leftOut</c>); null for a round whose stratum is a select_one of P-codes.
/// </summary>
public sealed record PointCounts(int NoPoint, int OutsideAreas, int OutsideStrata);

/// <summary>
/// Resolves a round's geopoint answers to its strata with the mission's boundaries (<see cref="AreaResolver"/>, the
/// Foundation's point-in-polygon index): the deepest admin area that covers the point, then that area or the nearest of
/// its ancestors that is one of the round's strata. The strata's P-codes thus set the level: admin-2 strata give
/// admin-2 areas, admin-1 strata admin-1 areas, and a point in a village (admin-3) counts in its admin-2 stratum.
/// </summary>
public sealed class PointStrata(AreaResolver resolver, AmaniDbContext db)
{
    /// <summary>The type of a form question whose answers give the stratum by their location.</summary>
    public const string QuestionType = "geopoint";

    /// <summary>The boundaries' version: a round read under another one is read again.</summary>
    public async Task<string> StampAsync(Guid missionId, CancellationToken cancellationToken) =>
        (await resolver.LoadAsync(missionId, cancellationToken)).Stamp;

    public async Task<Locator> LoadAsync(SurveyRoundRecord round, CancellationToken cancellationToken)
    {
        var index = await resolver.LoadAsync(round.MissionId, cancellationToken);
        var strata = round.Strata.Select(s => s.Pcode).ToHashSet(StringComparer.Ordinal);
        var paths = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == round.MissionId)
            .Select(a => new { a.Id, a.Path }).ToListAsync(cancellationToken);
        // Each area's stratum: itself or its nearest ancestor among the round's strata (the path runs from the root to the area).
        var byArea = paths.ToDictionary(a => a.Id,
            a => a.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse().FirstOrDefault(strata.Contains));
        return new Locator(index, byArea);
    }

    /// <summary>One load's resolution, counting each kind of point left out.</summary>
    public sealed class Locator(AreaResolver.MissionAreas index, IReadOnlyDictionary<Guid, string?> byArea)
    {
        public string Stamp => index.Stamp;
        public int NoPoint { get; private set; }
        public int OutsideAreas { get; private set; }
        public int OutsideStrata { get; private set; }
        public PointCounts Counts => new(NoPoint, OutsideAreas, OutsideStrata);

        /// <summary>The stratum of a geopoint answer ("lat lon [altitude accuracy]"), or null (counted by its reason).</summary>
        public string? Stratum(string? answer)
        {
            if (Read(answer) is not var (latitude, longitude))
            {
                NoPoint++;
                return null;
            }
            if (index.Resolve(latitude, longitude, null) is not { } area)
            {
                OutsideAreas++;
                return null;
            }
            if (byArea.GetValueOrDefault(area) is { } stratum)
                return stratum;
            OutsideStrata++;
            return null;
        }

        /// <summary>The latitude and longitude of an ODK geopoint, or null when missing or not a point on Earth.</summary>
        public static (double Latitude, double Longitude)? Read(string? answer)
        {
            var parts = answer?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is not { Length: >= 2 }
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                || latitude is < -90 or > 90 || longitude is < -180 or > 180 || double.IsNaN(latitude) || double.IsNaN(longitude))
                return null;
            return (latitude, longitude);
        }
    }
}
