using System.Text.Json.Serialization;

namespace Amani.Platform.Live;

/// <summary>
/// Something new or changed in a mission, as the live feed announces it: what kind (named by the <see cref="LiveTopic"/> that
/// announces it: <c>incident</c>, <c>incidents</c> for an import batch, <c>report</c>, <c>alert</c>), which record, and what happened (<c>created</c>, <c>imported</c>,
/// <c>submitted</c>, <c>raised</c>, <c>changed</c>). Never the record's content: clients fetch it through the API, which
/// applies the access rules. <see cref="AreaId"/> is only used on the server, to decide who may hear of an alert.
/// </summary>
public sealed record LiveEvent(string Kind, string Change, Guid MissionId, Guid? Id, Guid? AreaId = null, int? Count = null);

/// <summary>What a subscriber receives: the event without the server-side routing fields.</summary>
public sealed record LiveMessage(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("id")] Guid? Id,
    [property: JsonPropertyName("count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count);

/// <summary>An event as a node delivered it, with its place in this node's sequence (the SSE event id).</summary>
public sealed record LiveDelivery(long Sequence, LiveEvent Event);
