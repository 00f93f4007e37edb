using Amani.Register.Incidents;
using Amani.Foundation.Taxonomy;

namespace Amani.Register.Imports;

/// <summary>
/// ACLED's <c>event_type</c>/<c>sub_event_type</c> as category codes (<see cref="Categories"/>). The current scheme is
/// matched against the taxonomy itself (case-insensitive); the pre-2019 scheme is mapped onto it, see
/// <see cref="OldScheme"/>. Unknown types are rejections, never guesses.
/// </summary>
public static class AcledEventTypes
{
    /// <summary>A category code, whether the row used the pre-2019 scheme, or why the types are not understood.</summary>
    public readonly record struct Resolution(string? Code, bool OldScheme, string? Rejection);

    private static readonly Dictionary<string, Category> EventTypes = Categories.All
        .Where(c => !c.IsMissionCategory && c.AcledEventType is not null && c.AcledSubEventType is null)
        .ToDictionary(c => c.AcledEventType!, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<(string, string), Category> SubEventTypes = Categories.All
        .Where(c => !c.IsMissionCategory && c.AcledEventType is not null && c.AcledSubEventType is not null)
        .ToDictionary(c => (c.AcledEventType!.ToUpperInvariant(), c.AcledSubEventType!.ToUpperInvariant()));

    /// <summary>
    /// The event types of ACLED exports made before about 2019, onto the current scheme. "Riots/Protests" is decided by
    /// <see cref="RiotsOrProtests"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OldScheme { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Battle-No change of territory"] = "battles.armed-clash",
        ["Battle-Government regains territory"] = "battles.government-regains-territory",
        ["Battle-Non-state actor overtakes territory"] = "battles.non-state-actor-overtakes-territory",
        ["Remote violence"] = "explosions-remote-violence",
        ["Violence against civilians"] = "violence-against-civilians",
        ["Strategic development"] = "strategic-developments",
        ["Headquarters or base established"] = "strategic-developments.headquarters-or-base-established",
        ["Non-violent transfer of territory"] = "strategic-developments.non-violent-transfer-of-territory",
        ["Riots/Protests"] = "protests",
    };

    public static Resolution Resolve(string eventType, string subEventType, ActorType? type1, ActorType? type2)
    {
        if (EventTypes.TryGetValue(eventType, out var current))
        {
            if (subEventType.Length == 0)
                return new Resolution(current.Code, false, null);
            if (SubEventTypes.TryGetValue((eventType.ToUpperInvariant(), subEventType.ToUpperInvariant()), out var sub))
                return new Resolution(sub.Code, false, null);
            var known = Categories.All.Where(c => c.AcledEventType == current.AcledEventType && c.AcledSubEventType is not null && !c.IsMissionCategory)
                .Select(c => c.AcledSubEventType);
            return new Resolution(null, false, $"sub_event_type '{subEventType}' is not one of {current.AcledEventType}'s: {string.Join("; ", known)}.");
        }
        if (OldScheme.TryGetValue(eventType, out var code))
        {
            if (eventType.Equals("Riots/Protests", StringComparison.OrdinalIgnoreCase))
                code = RiotsOrProtests(subEventType, type1, type2);
            // Some late old-scheme exports already carry a current sub-event type: keep it when it belongs to the mapped type.
            var parent = Categories.Find(code)!.AcledEventType!;
            if (subEventType.Length > 0 && SubEventTypes.TryGetValue((parent.ToUpperInvariant(), subEventType.ToUpperInvariant()), out var sub)
                && (code == EventTypes[parent].Code))
                code = sub.Code;
            return new Resolution(code, true, null);
        }
        return new Resolution(null, false, $"event_type '{eventType}' is neither an ACLED event type ({string.Join("; ", EventTypes.Keys)}) " +
                                           $"nor one of the pre-2019 scheme ({string.Join("; ", OldScheme.Keys)}).");
    }

    /// <summary>
    /// The old "Riots/Protests" type covered both: it is a riot when a side is coded as rioters (actor type 5) or the
    /// sub-event type says so (violent demonstration, mob violence), else a protest.
    /// </summary>
    public static string RiotsOrProtests(string subEventType, ActorType? type1, ActorType? type2)
    {
        if (subEventType.Length > 0 && SubEventTypes.TryGetValue(("RIOTS", subEventType.ToUpperInvariant()), out var riot))
            return riot.Code;
        return type1 == ActorType.Rioters || type2 == ActorType.Rioters ? "riots" : "protests";
    }
}
