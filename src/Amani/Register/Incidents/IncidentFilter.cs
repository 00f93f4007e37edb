using System.Globalization;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Register.Incidents;

/// <summary>
/// The incident filters of the list and the exports (area subtree by P-code, bounding box, time overlap, category and
/// its sub-categories, status, source, confidence, free text), applied to a query the caller may already see.
/// </summary>
public sealed record IncidentFilter(string? Area = null, string? Bbox = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Category = null, string? Status = null, string? Source = null, string? Confidence = null, string? Q = null)
{
    /// <summary><paramref name="query"/> narrowed by every filter given, or the field that is invalid and why.</summary>
    public async Task<Result<IQueryable<Incident>>> ApplyAsync(IQueryable<Incident> query, AmaniDbContext db, Mission mission,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Area))
        {
            var pCode = Area.Trim();
            var path = await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.PCode == pCode).Select(a => a.Path).FirstOrDefaultAsync(cancellationToken);
            if (path is null)
                return Result<IQueryable<Incident>>.Invalid("area", $"There is no area {Area} in {mission.Code}.");
            query = query.Where(i => db.Set<AdminArea>().Any(a => a.Id == i.AreaId && a.Path.StartsWith(path)));
        }
        if (!string.IsNullOrWhiteSpace(Bbox))
        {
            if (!TryParseBox(Bbox, out var box))
                return Result<IQueryable<Incident>>.Invalid("bbox", "Give the box as minLongitude,minLatitude,maxLongitude,maxLatitude in WGS84 degrees.");
            query = query.Where(i => i.Longitude >= box.MinLon && i.Longitude <= box.MaxLon && i.Latitude >= box.MinLat && i.Latitude <= box.MaxLat);
        }
        if (From is { } start)
            query = query.Where(i => i.OccurredUntil >= start.UtcDateTime);
        if (To is { } end)
            query = query.Where(i => i.OccurredFrom <= end.UtcDateTime);
        if (!string.IsNullOrWhiteSpace(Category))
            query = query.Where(i => i.CategoryCode == Category || i.CategoryCode.StartsWith(Category + "."));
        if (!IncidentQueries.TryParse<IncidentStatus>(Status, out var s))
            return EnumInvalid<IncidentStatus>("status");
        if (!IncidentQueries.TryParse<IncidentSource>(Source, out var src))
            return EnumInvalid<IncidentSource>("source");
        if (!IncidentQueries.TryParse<Confidence>(Confidence, out var c))
            return EnumInvalid<Confidence>("confidence");
        if (s is { } wantedStatus)
            query = query.Where(i => i.Status == wantedStatus);
        if (src is { } wantedSource)
            query = query.Where(i => i.Source == wantedSource);
        if (c is { } wantedConfidence)
            query = query.Where(i => i.Confidence == wantedConfidence);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLower(CultureInfo.InvariantCulture);
            query = query.Where(i => i.Description.ToLower().Contains(text) || (i.PlaceName != null && i.PlaceName.ToLower().Contains(text)));
        }
        return Result<IQueryable<Incident>>.Ok(query);
    }

    private static Result<IQueryable<Incident>> EnumInvalid<T>(string field) where T : struct, Enum =>
        Result<IQueryable<Incident>>.Invalid(field,
            $"Give one of: {string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)))}.");

    public readonly record struct Box(double MinLon, double MinLat, double MaxLon, double MaxLat);

    public static bool TryParseBox(string text, out Box box)
    {
        box = default;
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
            return false;
        box = new Box(values[0], values[1], values[2], values[3]);
        return values.All(double.IsFinite) && box.MinLon <= box.MaxLon && box.MinLat <= box.MaxLat && box.MinLat >= -90 && box.MaxLat <= 90;
    }
}
