using System.Globalization;
using System.Text;

namespace Amani.Bench;

/// <summary>
/// Request bodies for <c>POST /api/v1/reports</c>: the public JSON contract with a description, coordinates, a time,
/// a language and a unique idempotency key; one in ten leaves a contact (with consent), so the encryption runs too.
/// The body for a key is always the same, so a retry after a crash repeats it byte for byte.
/// </summary>
public static class ReportBodies
{
    private static readonly string[] Descriptions =
    [
        "Armed men stopped the bus on the road north of the river crossing and took the passengers' phones.",
        "Shots heard near the market at dawn; people are leaving towards the church with their belongings.",
        "Three houses burnt at the edge of the village after an argument over cattle; nobody hurt as far as we know.",
        "A checkpoint was set up this morning at the bridge; drivers are asked to pay before they can pass.",
    ];

    public static string Key(string run, long index) => $"bench-{run}-{index:D9}";

    public static byte[] For(string run, long index)
    {
        var lat = (4 + (index % 1000) / 1000.0).ToString("0.0000", CultureInfo.InvariantCulture);
        var lon = (18 + (index % 997) / 997.0).ToString("0.0000", CultureInfo.InvariantCulture);
        var contact = index % 10 == 0 ? $"\"contact\":{{\"phone\":\"+236 7{index % 10_000_000:D7}\"}},\"consentToContact\":true," : "";
        var json = $"{{\"description\":\"{Descriptions[index % Descriptions.Length]} (#{index})\",\"latitude\":{lat},\"longitude\":{lon}," +
                   $"\"occurredAt\":\"2025-03-{1 + index % 28:D2}T0{index % 10}:15:00Z\",{contact}\"language\":\"fr\"," +
                   $"\"idempotencyKey\":\"{Key(run, index)}\"}}";
        return Encoding.UTF8.GetBytes(json);
    }
}
