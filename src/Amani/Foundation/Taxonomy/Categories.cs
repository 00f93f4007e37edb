namespace Amani.Foundation.Taxonomy;

/// <summary>
/// The built-in category taxonomy (docs/taxonomy.md): ACLED's current event types and sub-event types
/// (<c>battles</c>, <c>battles.armed-clash</c> …) and the mission categories (<c>mission.threat-to-civilians</c> …), each
/// mapped to ACLED's scheme where one fits.
/// </summary>
public static class Categories
{
    public const string MissionPrefix = "mission.";

    public static IReadOnlyList<Category> All { get; } =
    [
        new("battles", "Battles", "Battles", null),
        new("battles.armed-clash", "Armed clash", "Battles", "Armed clash"),
        new("battles.government-regains-territory", "Government regains territory", "Battles", "Government regains territory"),
        new("battles.non-state-actor-overtakes-territory", "Non-state actor overtakes territory", "Battles", "Non-state actor overtakes territory"),
        new("explosions-remote-violence", "Explosions/Remote violence", "Explosions/Remote violence", null),
        new("explosions-remote-violence.chemical-weapon", "Chemical weapon", "Explosions/Remote violence", "Chemical weapon"),
        new("explosions-remote-violence.air-drone-strike", "Air/drone strike", "Explosions/Remote violence", "Air/drone strike"),
        new("explosions-remote-violence.suicide-bomb", "Suicide bomb", "Explosions/Remote violence", "Suicide bomb"),
        new("explosions-remote-violence.shelling-artillery-missile-attack", "Shelling/artillery/missile attack", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        new("explosions-remote-violence.remote-explosive-landmine-ied", "Remote explosive/landmine/IED", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        new("explosions-remote-violence.grenade", "Grenade", "Explosions/Remote violence", "Grenade"),
        new("violence-against-civilians", "Violence against civilians", "Violence against civilians", null),
        new("violence-against-civilians.sexual-violence", "Sexual violence", "Violence against civilians", "Sexual violence"),
        new("violence-against-civilians.attack", "Attack", "Violence against civilians", "Attack"),
        new("violence-against-civilians.abduction-forced-disappearance", "Abduction/forced disappearance", "Violence against civilians", "Abduction/forced disappearance"),
        new("protests", "Protests", "Protests", null),
        new("protests.peaceful-protest", "Peaceful protest", "Protests", "Peaceful protest"),
        new("protests.protest-with-intervention", "Protest with intervention", "Protests", "Protest with intervention"),
        new("protests.excessive-force-against-protesters", "Excessive force against protesters", "Protests", "Excessive force against protesters"),
        new("riots", "Riots", "Riots", null),
        new("riots.violent-demonstration", "Violent demonstration", "Riots", "Violent demonstration"),
        new("riots.mob-violence", "Mob violence", "Riots", "Mob violence"),
        new("strategic-developments", "Strategic developments", "Strategic developments", null),
        new("strategic-developments.agreement", "Agreement", "Strategic developments", "Agreement"),
        new("strategic-developments.arrests", "Arrests", "Strategic developments", "Arrests"),
        new("strategic-developments.change-to-group-activity", "Change to group/activity", "Strategic developments", "Change to group/activity"),
        new("strategic-developments.disrupted-weapons-use", "Disrupted weapons use", "Strategic developments", "Disrupted weapons use"),
        new("strategic-developments.headquarters-or-base-established", "Headquarters or base established", "Strategic developments", "Headquarters or base established"),
        new("strategic-developments.looting-property-destruction", "Looting/property destruction", "Strategic developments", "Looting/property destruction"),
        new("strategic-developments.non-violent-transfer-of-territory", "Non-violent transfer of territory", "Strategic developments", "Non-violent transfer of territory"),
        new("strategic-developments.other", "Other", "Strategic developments", "Other"),
        new(MissionPrefix + "intercommunal-tension", "Intercommunal tension", null, null),
        new(MissionPrefix + "threat-to-civilians", "Threat to civilians", "Violence against civilians", null),
        new(MissionPrefix + "displacement", "Displacement", null, null),
        new(MissionPrefix + "checkpoint-or-roadblock", "Checkpoint or roadblock", "Strategic developments", "Other"),
        new(MissionPrefix + "movement-of-armed-groups", "Movement of armed groups", "Strategic developments", "Other"),
        new(MissionPrefix + "ceasefire-violation", "Ceasefire violation", "Battles", "Armed clash"),
        new(MissionPrefix + "attack-on-peacekeepers", "Attack on peacekeepers", "Battles", "Armed clash"),
        new(MissionPrefix + "attack-on-humanitarian-workers", "Attack on humanitarian workers", "Violence against civilians", "Attack"),
        new(MissionPrefix + "hate-speech", "Hate speech", null, null),
        new(MissionPrefix + "explosive-hazard-found", "Explosive hazard found", "Strategic developments", "Disrupted weapons use"),
        new(MissionPrefix + "weapons-handed-in", "Weapons handed in", "Strategic developments", "Disrupted weapons use"),
    ];

    private static readonly Dictionary<string, Category> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static Category? Find(string code) => ByCode.GetValueOrDefault(code);
}
