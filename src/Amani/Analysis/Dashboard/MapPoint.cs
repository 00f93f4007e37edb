using Amani.Register.Incidents;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// One placed incident as the map index holds it: position, the fields the map filters on and the visibility rule
/// needs, compact (category, area and recorder are indexes into the snapshot's tables).
/// </summary>
internal readonly record struct MapPoint(Guid Id, double X, double Y, long OccurredFromTicks, long OccurredUntilTicks,
    int Version, short Category, IncidentStatus Status, IncidentSource Source, Confidence Confidence, Confidentiality Confidentiality,
    int Area, int RecordedBy);
