using System.Globalization;
using System.Text;
using System.Xml;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Alerts;

/// <summary>
/// The public alert feed, anonymous and rate limited: an Atom index of a mission's public alerts (open ones, and those
/// closed in the last 30 days), each linking to its CAP 1.2 message. Nothing that is not public is ever in it
/// (<see cref="CapMessages"/>). Links and the CAP sender's domain come from <see cref="PublicAddress"/>, never from the
/// request's Host header.
/// </summary>
public static class CapFeedApi
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const int MaxEntries = 100;

    public static RouteGroupBuilder MapCapFeed(this RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/public/missions/{code}/alerts").WithTags("Alerts (public)");
        feed.MapGet("/cap", IndexAsync).WithName("PublicAlertFeed").RequireRateLimiting(RateLimits.Anonymous);
        feed.MapGet("/{id:guid}/cap", MessageAsync).WithName("PublicAlertCap").RequireRateLimiting(RateLimits.Anonymous);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> IndexAsync(string code, AmaniDbContext db, TimeProvider clock,
        PublicAddress links, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalized, cancellationToken);
        if (mission is null)
            return Problem.NotFound($"The mission '{code}'");
        var since = clock.GetUtcNow().UtcDateTime - CapMessages.ClosedKept;
        var alerts = await CapMessages.Published(db, mission.Id).Where(a => a.ClosedAt == null || a.ClosedAt >= since)
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(MaxEntries).ToListAsync(cancellationToken);
        var self = links.Absolute($"/api/v1/public/missions/{mission.Code}/alerts/cap");

        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, self);
            xml.WriteElementString("title", AtomNamespace, $"{mission.Name}: public alerts");
            xml.WriteElementString("updated", AtomNamespace, Rfc3339(alerts.Count == 0 ? mission.CreatedAt : alerts.Max(CapMessages.SentAt)));
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, mission.Name);
            xml.WriteEndElement();
            Link(xml, "self", "application/atom+xml", self);
            foreach (var alert in alerts)
            {
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, $"urn:uuid:{alert.Id}");
                xml.WriteElementString("title", AtomNamespace, alert.Headline);
                xml.WriteElementString("updated", AtomNamespace, Rfc3339(CapMessages.SentAt(alert)));
                xml.WriteElementString("published", AtomNamespace, Rfc3339(alert.RaisedAt));
                xml.WriteElementString("summary", AtomNamespace, alert.Explanation);
                xml.WriteStartElement("category", AtomNamespace);
                xml.WriteAttributeString("term", alert.Severity.ToString());
                xml.WriteEndElement();
                Link(xml, "alternate", "application/cap+xml", links.Absolute($"/api/v1/public/missions/{mission.Code}/alerts/{alert.Id}/cap"));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return TypedResults.Bytes(stream.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MessageAsync(string code, Guid id, AmaniDbContext db,
        AlertSettings settings, PublicAddress links, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalized, cancellationToken);
        var alert = mission is null ? null : await CapMessages.Published(db, mission.Id).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (mission is null || alert is null)
            return Problem.NotFound($"The public alert {id}");
        var message = await CapMessages.BuildAsync(db, mission, alert, settings.CapSenderDomain ?? links.Host, cancellationToken);
        return TypedResults.Bytes(CapDocument.Write(message), CapDocument.ContentType);
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Rfc3339(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
