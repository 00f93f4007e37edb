using System.Globalization;
using System.Text;
using System.Xml;

namespace Amani.Analysis.Alerts;

/// <summary>The area of a CAP message: its description, and a polygon or circle in CAP's "lat,lon" notation.</summary>
public sealed record CapArea(string Description, string? Polygon, string? Circle, string? PCode);

/// <summary>One CAP 1.2 message, with its values already in CAP's vocabulary and time format.</summary>
public sealed record CapMessage(
    string Identifier, string Sender, string Sent, string MsgType, string? References, string Language, IReadOnlyList<string> Categories, string Event,
    string Urgency, string Severity, string Certainty, string SenderName, string Headline, string Description, CapArea Area);

/// <summary>
/// Writes CAP 1.2 (OASIS Common Alerting Protocol) XML: the elements in the order the schema prescribes, times as
/// <c>2026-11-21T14:05:00+01:00</c> (no fractional seconds, an explicit offset, "-00:00" for UTC as CAP requires).
/// Written by hand with <see cref="XmlWriter"/>: no CAP library is available to this project.
/// </summary>
public static class CapDocument
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string ContentType = "application/cap+xml; charset=utf-8";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    public static byte[] Write(CapMessage message)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("alert", Namespace);
            xml.WriteElementString("identifier", Namespace, message.Identifier);
            xml.WriteElementString("sender", Namespace, message.Sender);
            xml.WriteElementString("sent", Namespace, message.Sent);
            xml.WriteElementString("status", Namespace, "Actual");
            xml.WriteElementString("msgType", Namespace, message.MsgType);
            xml.WriteElementString("scope", Namespace, "Public");
            if (message.References is not null)
                xml.WriteElementString("references", Namespace, message.References);
            WriteInfo(xml, message);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WriteInfo(XmlWriter xml, CapMessage message)
    {
        xml.WriteStartElement("info", Namespace);
        xml.WriteElementString("language", Namespace, message.Language);
        foreach (var category in message.Categories)
            xml.WriteElementString("category", Namespace, category);
        xml.WriteElementString("event", Namespace, message.Event);
        xml.WriteElementString("urgency", Namespace, message.Urgency);
        xml.WriteElementString("severity", Namespace, message.Severity);
        xml.WriteElementString("certainty", Namespace, message.Certainty);
        xml.WriteElementString("senderName", Namespace, message.SenderName);
        xml.WriteElementString("headline", Namespace, message.Headline);
        xml.WriteElementString("description", Namespace, message.Description);
        xml.WriteStartElement("area", Namespace);
        xml.WriteElementString("areaDesc", Namespace, message.Area.Description);
        if (message.Area.Polygon is not null)
            xml.WriteElementString("polygon", Namespace, message.Area.Polygon);
        if (message.Area.Circle is not null)
            xml.WriteElementString("circle", Namespace, message.Area.Circle);
        if (message.Area.PCode is not null)
        {
            xml.WriteStartElement("geocode", Namespace);
            xml.WriteElementString("valueName", Namespace, "P-code");
            xml.WriteElementString("value", Namespace, message.Area.PCode);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>A CAP time: local time in <paramref name="zone"/>, whole seconds, with its offset; UTC is written "-00:00".</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);
        local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return local.Offset == TimeSpan.Zero ? text[..^6] + "-00:00" : text;
    }
}
