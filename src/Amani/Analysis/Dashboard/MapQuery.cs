using System.Globalization;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// A map request: the viewport (<c>bbox</c> = minLon,minLat,maxLon,maxLat as the incident list reads it), the zoom
/// (0–22), and the incident list's filters (area subtree, time overlap, category and sub-categories, status, source,
/// confidence — parsed by the same rules and with the same messages). Free text is not offered on the map.
/// </summary>
public sealed record MapQuery(string? Bbox, string? Zoom, string? Area, DateTimeOffset? From, DateTimeOffset? To, string? Category,
    string? Status, string? Source, string? Confidence)
{
    public const int MaxZoom = 22;

    internal sealed record Parsed(IncidentFilter.Box Box, int Zoom, long? FromTicks, long? ToTicks, string? Category, IncidentStatus? Status,
        IncidentSource? Source, Confidence? Confidence, IReadOnlySet<Guid>? Areas);

    internal async Task<Result<Parsed>> ParseAsync(AmaniDbContext db, Mission mission, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Bbox) || !IncidentFilter.TryParseBox(Bbox, out var box))
            return Result<Parsed>.Invalid("bbox", "Give the box as minLongitude,minLatitude,maxLongitude,maxLatitude in WGS84 degrees.");
        if (box.MinLon < -180 || box.MaxLon > 180)
            return Result<Parsed>.Invalid("bbox", "Longitudes must lie between -180 and 180 (split a box that crosses the antimeridian).");
        if (string.IsNullOrWhiteSpace(Zoom) || !int.TryParse(Zoom, NumberStyles.None, CultureInfo.InvariantCulture, out var zoom) || zoom > MaxZoom)
            return Result<Parsed>.Invalid("zoom", $"Give the zoom level as a whole number from 0 to {MaxZoom}.");
        if (!IncidentQueries.TryParse<IncidentStatus>(Status, out var status))
            return Invalid<IncidentStatus>("status");
        if (!IncidentQueries.TryParse<IncidentSource>(Source, out var source))
            return Invalid<IncidentSource>("source");
        if (!IncidentQueries.TryParse<Confidence>(Confidence, out var confidence))
            return Invalid<Confidence>("confidence");
        IReadOnlySet<Guid>? areas = null;
        if (!string.IsNullOrWhiteSpace(Area))
        {
            var pCode = Area.Trim();
            var path = await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.PCode == pCode).Select(a => a.Path).FirstOrDefaultAsync(cancellationToken);
            if (path is null)
                return Result<Parsed>.Invalid("area", $"There is no area {Area} in {mission.Code}.");
            areas = (await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.Path.StartsWith(path)).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
        }
        return Result<Parsed>.Ok(new Parsed(box, zoom, From?.UtcDateTime.Ticks, To?.UtcDateTime.Ticks,
            string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(), status, source, confidence, areas));
    }

    private static Result<Parsed> Invalid<T>(string field) where T : struct, Enum =>
        Result<Parsed>.Invalid(field, $"Give one of: {string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}.");
}
