using System.Globalization;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Alerts;

/// <summary>
/// What the public sees of an alert, as CAP 1.2: only alerts raised by a public rule (which counts public incidents
/// only) while that rule stays public. The message carries the headline and the plain-language explanation — never the
/// evidence ids, the owner, the response log, the outcome text or a false alarm's reason — and the area as the admin
/// area's bounding box, coarsened like the public incident view to the district (admin level 2) or above; never an
/// incident's coordinates. Each state of an alert is one message: raised (Alert), evidence refreshed (Update), resolved
/// (Update) or declared a false alarm (Cancel); later ones reference the first.
/// </summary>
public static class CapMessages
{
    public const int PublicLevel = 2;
    /// <summary>Closed alerts stay in the feed this long, so that subscribers see the Update or Cancel.</summary>
    public static readonly TimeSpan ClosedKept = TimeSpan.FromDays(30);

    /// <summary>The alerts of <paramref name="missionId"/> the public may see.</summary>
    public static IQueryable<Alert> Published(AmaniDbContext db, Guid missionId) =>
        db.Set<Alert>().AsNoTracking().Where(a => a.MissionId == missionId && a.IsPublic && db.Set<AlertRule>().Any(r => r.Id == a.RuleId && r.IsPublic));

    /// <summary>When the alert's current message was sent: closing, else the last evidence refresh, else raising.</summary>
    public static DateTime SentAt(Alert alert) => alert.ClosedAt ?? alert.RefreshedAt;

    public static async Task<CapMessage> BuildAsync(AmaniDbContext db, Mission mission, Alert alert, string senderDomain, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(mission.TimeZone);
        var ruleName = await db.Set<AlertRule>().Where(r => r.Id == alert.RuleId).Select(r => r.Name).FirstAsync(cancellationToken);
        var sender = $"{mission.Code.ToLowerInvariant()}@{senderDomain}";
        var sent = SentAt(alert);
        var first = alert.RaisedAt;
        var msgType = alert.Status switch
        {
            AlertStatus.FalseAlarm => "Cancel",
            _ when sent > first => "Update",
            _ => "Alert",
        };
        var localDate = TimeZoneInfo.ConvertTime(new DateTimeOffset(sent), zone).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var (headline, description) = alert.Status switch
        {
            AlertStatus.Resolved => ($"Resolved: {alert.Headline}", $"This alert was resolved on {localDate}. It said: {alert.Explanation}"),
            AlertStatus.FalseAlarm => ($"Withdrawn: {alert.Headline}",
                $"This alert was withdrawn on {localDate}: after checking, it was judged a false alarm. It said: {alert.Explanation}"),
            _ => (alert.Headline, alert.Explanation),
        };
        return new CapMessage(
            Identifier(alert, sent), sender, CapDocument.Time(sent, zone), msgType,
            msgType == "Alert" ? null : $"{sender},{Identifier(alert, first)},{CapDocument.Time(first, zone)}",
            "en", ["Safety", "Security"], ruleName, Urgency(alert), alert.Severity.ToString(), Certainty(alert), mission.Name,
            Shorten(headline, 160), description, await AreaAsync(db, mission, alert.AreaId, cancellationToken));
    }

    /// <summary>"amani-{alert id}-{UTC time of the message}": unique per message, without spaces, commas, &lt; or &amp;.</summary>
    public static string Identifier(Alert alert, DateTime sent) =>
        $"amani-{alert.Id:N}-{sent.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";

    private static string Urgency(Alert alert) => alert.IsClosed ? "Past"
        : alert.Kind == AlertRuleKind.Forecast ? "Future"
        : alert.Severity is AlertSeverity.Extreme or AlertSeverity.Severe ? "Immediate"
        : "Expected";

    private static string Certainty(Alert alert) => alert.Status == AlertStatus.FalseAlarm ? "Unlikely"
        : alert.Kind != AlertRuleKind.Forecast ? "Observed"
        : AlertEvidence.FromJson(alert.EvidenceJson).Observed >= 0.5 ? "Likely"
        : "Possible";

    /// <summary>
    /// The alert's area as the public sees it: the area itself up to admin level 2, else its level-2 ancestor; for an
    /// alert over the whole mission, the country (level 0). Its boundary's bounding box, rounded outwards to 0.01°, or
    /// a 25 km circle round its centroid when no boundary is known.
    /// </summary>
    private static async Task<CapArea> AreaAsync(AmaniDbContext db, Mission mission, Guid? areaId, CancellationToken cancellationToken)
    {
        var tree = await AreaTree.LoadAsync(db, mission.Id, cancellationToken);
        var node = tree.Find(areaId);
        if (node is not null && node.Level > PublicLevel)
            node = tree.AncestorAt(node, PublicLevel) ?? node;
        node ??= tree.All.Where(a => a.Level == 0).OrderBy(a => a.PCode, StringComparer.Ordinal).FirstOrDefault();
        if (node is null)
            return new CapArea($"{mission.Name} ({mission.CountryIso3})", null, null, null);
        var shape = await db.AdminAreas.AsNoTracking().Where(a => a.Id == node.Id)
            .Select(a => new { a.GeometryGeoJson, a.CentroidLatitude, a.CentroidLongitude }).FirstAsync(cancellationToken);
        string? polygon = null, circle = null;
        if (shape.GeometryGeoJson is not null)
        {
            using var json = JsonDocument.Parse(shape.GeometryGeoJson);
            if (GeoJsonGeometry.TryRead(json.RootElement, out var geometry, out _) && geometry is { IsEmpty: false })
                polygon = BoxPolygon(geometry.EnvelopeInternal);
        }
        if (polygon is null && shape.CentroidLatitude is { } lat && shape.CentroidLongitude is { } lon)
            circle = $"{Coordinate(Math.Round(lat, 2))},{Coordinate(Math.Round(lon, 2))} 25";
        return new CapArea(node.Name, polygon, circle, node.PCode);
    }

    /// <summary>The box as a closed CAP polygon: "lat,lon" pairs, first and last the same.</summary>
    private static string BoxPolygon(NetTopologySuite.Geometries.Envelope box)
    {
        var (south, north) = (Math.Floor(box.MinY * 100) / 100, Math.Ceiling(box.MaxY * 100) / 100);
        var (west, east) = (Math.Floor(box.MinX * 100) / 100, Math.Ceiling(box.MaxX * 100) / 100);
        return string.Join(' ', new[] { (south, west), (south, east), (north, east), (north, west), (south, west) }
            .Select(p => $"{Coordinate(p.Item1)},{Coordinate(p.Item2)}"));
    }

    private static string Coordinate(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
