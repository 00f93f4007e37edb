using System.Text.Json;
using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Users;
using Amani.Foundation.Users.Passwords;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Demo;

/// <summary>
/// Seeds a demo mission in the Central African Republic: its admin areas with their boundaries (country, 17
/// prefectures, 72 sub-prefectures, from the shipped Who's On First layers), a few organisations, and one user per role with a
/// freshly generated password that is returned once for printing — never a fixed one.
/// </summary>
public sealed class DemoSeeder(AmaniDbContext db, MissionRules missions, AreaRules areas, OrganizationRules organizations,
    UserAdministration users, AuditLog audit, Register.Imports.IncidentImporter importer, Platform.FollowUps.FollowUpBook followUps, TimeProvider clock,
    IServiceScopeFactory scopes, AuditActor actor)
{
    public const string MissionCode = "MINUSCA";
    public const string EmailDomain = "demo.amani.local";

    public sealed record DemoAccount(string Email, Role Role);

    /// <param name="Contributed">What each module's <see cref="IDemoContribution"/> seeded ("12 lessons").</param>
    public sealed record Seeded(string Password, IReadOnlyList<DemoAccount> Accounts, int Areas, long Incidents = 0, IReadOnlyList<string>? Contributed = null);

    /// <summary>Seeds the demo unless any mission exists already (then returns null). Safe to run on several nodes at once.</summary>
    public async Task<Seeded?> SeedAsync(string sampleDataDirectory, CancellationToken cancellationToken)
    {
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, DatabaseLocks.FirstStart, cancellationToken);
        if (await db.Missions.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
            return null;

        var mission = (await missions.CreateAsync(new CreateMissionRequest(MissionCode,
            "Demo: United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic", "CAF", "Africa/Bangui"),
            cancellationToken)).Value!;
        var areaCount = await SeedAreasAsync(mission, sampleDataDirectory, cancellationToken);
        var partner = await SeedOrganizationsAsync(cancellationToken);

        var password = PasswordForEveryAccount();
        var accounts = new List<DemoAccount>();
        var ids = new Dictionary<Role, Guid>();
        foreach (var role in AccessCatalog.Roles)
        {
            var email = EmailOf(role);
            var user = (await users.CreateAsync(email, DisplayNameOf(role), password, cancellationToken)).Value!.User;
            ids[role] = user.Id;
            await users.GrantAsync(user, new GrantRoleRequest(role, role == Role.Administrator ? null : MissionCode, null,
                role.ForOrganization ? partner.Id : null), cancellationToken);
            accounts.Add(new DemoAccount(email, role));
        }
        await db.SaveChangesAsync(cancellationToken);
        var followUpCount = await SeedFollowUpsAsync(mission, ids, cancellationToken);
        audit.Record(AuditAction.DemoSeeded, Mission.AuditEntity, mission.Id,
            $"Demo mission {MissionCode} seeded with {areaCount} areas, {accounts.Count} users and {followUpCount} follow-ups.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // After the commit: the import commits batch by batch, and only the node that seeded the mission gets here.
        var incidents = await ImportEventsAsync(mission, sampleDataDirectory, cancellationToken);
        var demo = new DemoMission(mission.Id, MissionCode, ids, partner.Id);
        var contributed = await ContributeAsync(demo, cancellationToken);
        return new Seeded(password, accounts, areaCount, incidents, contributed);
    }

    /// <summary>
    /// Runs the modules' contributions in their <see cref="IDemoContribution.Order"/> (stable: registration order among
    /// equals), each in a scope of its own, so that the services a later one builds (the measure catalogue, say) see what
    /// an earlier one saved (the surveys' measure).
    /// </summary>
    private async Task<List<string>> ContributeAsync(DemoMission demo, CancellationToken cancellationToken)
    {
        var contributed = new List<string>();
        for (var i = 0; ; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var (scoped, ordered) = (scope.ServiceProvider.GetRequiredService<AuditActor>(), scope.ServiceProvider.GetServices<IDemoContribution>().OrderBy(c => c.Order).ToList());
            if (i >= ordered.Count)
                return contributed;
            (scoped.Actor, scoped.RequestId) = (actor.Actor, actor.RequestId);
            contributed.Add(await ordered[i].SeedAsync(demo, cancellationToken));
        }
    }

    private static string EmailOf(Role role) => $"{role.ToString().ToLowerInvariant()}@{EmailDomain}";

    private static string DisplayNameOf(Role role) => $"Demo {role}";

    /// <summary>One generated password that the password rules accept for every demo account (none holds "demo", say).</summary>
    private static string PasswordForEveryAccount()
    {
        var password = UserAdministration.GeneratePassword();
        while (AccessCatalog.Roles.Any(role => PasswordRules.Check(password, EmailOf(role), DisplayNameOf(role)) is not null))
            password = UserAdministration.GeneratePassword();
        return password;
    }

    private async Task<int> SeedAreasAsync(Mission mission, string sampleDataDirectory, CancellationToken cancellationToken)
    {
        var count = 0;
        var pCodeByWofId = new Dictionary<long, string>();
        foreach (var level in new[] { 0, 1, 2 })
        {
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(sampleDataDirectory, "geo", $"caf_adm{level}.geojson"), cancellationToken));
            foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
            {
                var properties = feature.GetProperty("properties");
                var wofId = properties.GetProperty("wof_id").GetInt64();
                var pCode = level == 0 ? "CF" : properties.GetProperty("hasc").GetString()!;
                var parent = level switch
                {
                    0 => null,
                    1 => "CF",
                    _ => pCodeByWofId[properties.GetProperty("parent_wof_id").GetInt64()],
                };
                pCodeByWofId[wofId] = pCode;
                // Boundaries let incidents and reports be placed in their area by their coordinates.
                var result = await areas.AddAsync(mission, new CreateAreaRequest(pCode, properties.GetProperty("name").GetString()!, level, parent,
                    feature.GetProperty("geometry").Clone(), null, null), cancellationToken);
                if (result.Refusal is { } refused)
                    throw new InvalidDataException($"Demo area {pCode}: {refused.Message}");
                count++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// A few follow-ups, invented and saying so: a commitment of a local authority, a task of the duty officers, one of
    /// the field officer that falls due two hours after the seeding (so the demo shows a reminder, then an escalation).
    /// </summary>
    private async Task<int> SeedFollowUpsAsync(Mission mission, IReadOnlyDictionary<Role, Guid> ids, CancellationToken cancellationToken)
    {
        var entry = new Platform.Directories.MissionEntry(mission.Id, mission.Code, mission.Name, mission.TimeZone);
        var now = clock.GetUtcNow();
        var asks = new[]
        {
            new Platform.FollowUps.FollowUpCreateRequest("Invented for the demo: the prefecture of Ouham shares its list of checkpoints",
                "Agreed at the (invented) security committee of Bossangoa.", new(Platform.FollowUps.FollowUpOwnerKind.External, null, null, "Prefect of Ouham (invented)"),
                now.AddDays(10), 48, null, "liaison", null, null, "CF.AC"),
            new Platform.FollowUps.FollowUpCreateRequest("Invented for the demo: brief the Bangui community protection committee on the new hotline",
                null, new(Platform.FollowUps.FollowUpOwnerKind.Role, null, Role.DutyOfficer, null), now.AddDays(3), 24, null, null, null, null, null),
            new Platform.FollowUps.FollowUpCreateRequest("Invented for the demo: confirm the handover of the Bossangoa water point",
                null, new(Platform.FollowUps.FollowUpOwnerKind.User, ids[Role.FieldOfficer], null, null), now.AddHours(2), 24, null, null, null, null, "CF.AC"),
        };
        var created = 0;
        foreach (var ask in asks)
        {
            var outcome = await followUps.CreateAsync(entry, ask, ids[Role.Analyst], _ => true, cancellationToken);
            if (outcome.Refusal is { } refusal)
                throw new InvalidDataException($"Demo follow-up: {refusal.Message}");
            created++;
        }
        return created;
    }

    /// <summary>The real UCDP GED events of the Central African Republic (1989–2022), placed in the demo areas.</summary>
    private async Task<long> ImportEventsAsync(Mission mission, string sampleDataDirectory, CancellationToken cancellationToken)
    {
        var events = Path.Combine(sampleDataDirectory, "ucdp", "ged231_events_central_african_republic.csv");
        var result = await importer.ImportAsync(mission, new Register.Imports.GedMapper(), events,
            new Register.Imports.ImportOptions { RejectsPath = Path.Combine(Path.GetTempPath(), $"amani-demo-{Guid.NewGuid():N}.rejects.csv") }, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidDataException($"Demo events: {result.Error}");
        File.Delete(result.Value!.RejectsPath);
        return result.Value.Inserted + result.Value.Updated;
    }

    private async Task<Organization> SeedOrganizationsAsync(CancellationToken cancellationToken)
    {
        var mission = (await organizations.CreateAsync(new CreateOrganizationRequest("MINUSCA (demo)", "MINUSCA", OrganizationKind.MissionComponent, null),
            cancellationToken)).Value!;
        await organizations.CreateAsync(new CreateOrganizationRequest("Joint Operations Centre (demo)", "JOC", OrganizationKind.MissionComponent, mission.Id),
            cancellationToken);
        await organizations.CreateAsync(new CreateOrganizationRequest("OCHA Central African Republic (demo)", "OCHA", OrganizationKind.UnAgency, null),
            cancellationToken);
        return (await organizations.CreateAsync(new CreateOrganizationRequest("Bangui Community Monitors (demo NGO)", "BCM", OrganizationKind.Ngo, null),
            cancellationToken)).Value!;
    }
}

public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddScoped<DemoSeeder>();
}
