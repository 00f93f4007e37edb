using Amani.Platform.Access;

namespace Amani.Foundation.Demo;

/// <summary>The demo mission as a module seeding its own demo records sees it: the mission, one user per role, the demo partner organisation.</summary>
public sealed record DemoMission(Guid MissionId, string MissionCode, IReadOnlyDictionary<Role, Guid> Users, Guid PartnerOrganizationId);

/// <summary>
/// A module's share of the demo: registered scoped by that module (<c>services.AddScoped&lt;IDemoContribution, …&gt;()</c>),
/// run once by <see cref="DemoSeeder"/> after the mission, its areas, users, follow-ups and the real UCDP events are in,
/// in the order of <see cref="Order"/> (lower first), and in registration order among equal ones, each in a DI scope of its
/// own (so that what an earlier one saved is seen by the services a later one builds). Records a contribution invents
/// must say so (a "(demo)" mark in a name or title, or an "Invented for the demo" line in a text).
/// </summary>
public interface IDemoContribution
{
    /// <summary>Seeds the module's demo records; returns what it seeded, for the summary printed at first start ("12 lessons").</summary>
    Task<string> SeedAsync(DemoMission demo, CancellationToken cancellationToken);

    /// <summary>
    /// When it runs among the contributions: lower first; 0 unless a contribution needs another's records (the surveys'
    /// demo runs before the results plan that computes an indicator from its survey measure).
    /// </summary>
    int Order => 0;
}
