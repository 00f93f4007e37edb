namespace Amani.Foundation.Taxonomy;

/// <summary>
/// An incident category: an ACLED event type or sub-event type, or a mission category (events that are not violence
/// yet) mapped onto ACLED's scheme where one fits. <see cref="Code"/> is stable and stored.
/// </summary>
public sealed record Category(string Code, string Name, string? AcledEventType, string? AcledSubEventType)
{
    public bool IsMissionCategory => Code.StartsWith(Categories.MissionPrefix, StringComparison.Ordinal);
}
