using System.Text.Json;
using Amani.Register.Incidents;
using Amani.Foundation.Taxonomy;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// The violence type of an incident, from its category (via the category's ACLED event type) and its actors' types:
/// <list type="bullet">
/// <item>ACLED <em>Violence against civilians</em> (and mission categories mapped to it, e.g. threat to civilians,
/// attack on humanitarian workers) → <see cref="ViolenceType.OneSided"/>.</item>
/// <item>ACLED <em>Battles</em> and <em>Explosions/Remote violence</em> (and mission categories mapped to them, e.g.
/// ceasefire violation, attack on peacekeepers): with a civilian actor → <see cref="ViolenceType.OneSided"/> (ACLED
/// codes shelling or air strikes on civilians this way); else with a state-forces or external-forces actor (ACLED
/// inter codes 1 and 8) → <see cref="ViolenceType.StateBased"/>; else → <see cref="ViolenceType.NonState"/>.</item>
/// <item>Everything else (protests, riots, strategic developments, mission categories without an ACLED event type)
/// → <see cref="ViolenceType.Other"/>.</item>
/// </list>
/// For UCDP GED imports this gives back GED's own type: type 1 is imported as an armed clash with side A a government
/// (state forces), type 2 as an armed clash between non-state sides, type 3 as an attack on civilians.
/// </summary>
public static class ViolenceTypes
{
    private const string Battles = "Battles", Explosions = "Explosions/Remote violence", AgainstCivilians = "Violence against civilians";

    /// <summary>Categories whose incidents are fighting: state-based or non-state by their actors.</summary>
    public static IReadOnlyList<string> FightingCategories { get; } =
        Categories.All.Where(c => c.AcledEventType is Battles or Explosions).Select(c => c.Code).ToList();

    /// <summary>Categories whose incidents are violence against civilians.</summary>
    public static IReadOnlyList<string> OneSidedCategories { get; } =
        Categories.All.Where(c => c.AcledEventType is AgainstCivilians).Select(c => c.Code).ToList();

    private static readonly ActorType[] StateActors = [ActorType.StateForces, ActorType.ExternalForces];

    /// <summary>The classification in C# (for tests and single incidents); the aggregates use <see cref="SqlCase"/>, which says the same in SQL.</summary>
    public static ViolenceType Of(string categoryCode, IEnumerable<ActorType?> actorTypes)
    {
        var types = actorTypes.ToList();
        if (OneSidedCategories.Contains(categoryCode))
            return ViolenceType.OneSided;
        if (!FightingCategories.Contains(categoryCode))
            return ViolenceType.Other;
        if (types.Contains(ActorType.Civilians))
            return ViolenceType.OneSided;
        return types.Any(t => t is { } type && StateActors.Contains(type)) ? ViolenceType.StateBased : ViolenceType.NonState;
    }

    /// <summary>
    /// A SQL CASE expression giving the violence type name (as stored: <c>StateBased</c> …) of the incident aliased
    /// <paramref name="incident"/>. The category lists are constants of the taxonomy, never user input.
    /// </summary>
    public static string SqlCase(string incident)
    {
        string Actor(params ActorType[] types) =>
            $"EXISTS (SELECT 1 FROM incident_actors a WHERE a.incident_id = {incident}.id AND a.type IN ({List(types.Select(t => t.ToString()))}))";
        return $"""
            CASE
                WHEN {incident}.category_code IN ({List(OneSidedCategories)}) THEN '{ViolenceType.OneSided}'
                WHEN {incident}.category_code NOT IN ({List(FightingCategories)}) THEN '{ViolenceType.Other}'
                WHEN {Actor(ActorType.Civilians)} THEN '{ViolenceType.OneSided}'
                WHEN {Actor(StateActors)} THEN '{ViolenceType.StateBased}'
                ELSE '{ViolenceType.NonState}'
            END
            """;
    }

    /// <summary>The API's name of a type: <c>stateBased</c>, <c>nonState</c>, <c>oneSided</c>, <c>other</c>.</summary>
    public static string ApiName(ViolenceType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<ViolenceType>().Select(ApiName).ToList();

    private static string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v.Replace("'", "''")}'"));
}
