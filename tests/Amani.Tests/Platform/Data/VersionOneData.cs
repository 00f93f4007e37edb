using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amani.Tests.Platform.Data;

/// <summary>
/// Rows as a version-1 installation would hold them, written with plain SQL (the EF model is already at the latest
/// version, so it cannot write to a version-1 schema): a mission with a three-level area hierarchy, two organisations,
/// an analyst with a password and a mission-scoped role, and a valid three-row audit chain.
/// </summary>
public sealed class VersionOneData
{
    public const string Password = "version-one-password";

    private static readonly DateTime Created = AuditChain.Truncate(new DateTime(2024, 3, 1, 8, 30, 15, DateTimeKind.Utc).AddTicks(1234560));

    public Mission Mission { get; } = new()
    {
        Id = Guid.NewGuid(), Code = "MINUSCA", Name = "Mission in the Central African Republic", CountryIso3 = "CAF",
        TimeZone = "Africa/Bangui", CreatedAt = Created,
    };

    public List<AdminArea> Areas { get; } = [];
    public List<Organization> Organizations { get; } = [];
    public AmaniUser User { get; }
    public RoleAssignment Assignment { get; }
    public List<AuditEntry> Audit { get; } = [];

    public VersionOneData()
    {
        string? parentPath = null;
        Guid? parentId = null;
        foreach (var (level, pCode, name) in new[] { (0, "CF", "Central African Republic"), (1, "CF.BG", "Bangui"), (2, "CF.BG.BA", "Bangui-1er") })
        {
            var path = AdminArea.ChildPath(parentPath, pCode);
            var area = new AdminArea
            {
                Id = Guid.NewGuid(), MissionId = Mission.Id, Level = level, PCode = pCode, Name = name, ParentId = parentId, Path = path,
                GeometryGeoJson = level == 2 ? """{"type":"Point","coordinates":[18.56,4.36]}""" : null,
                CentroidLatitude = level == 0 ? null : 4.3612, CentroidLongitude = level == 0 ? null : 18.5550, CreatedAt = Created,
            };
            Areas.Add(area);
            (parentPath, parentId) = (path, area.Id);
        }
        var mission = new Organization { Id = Guid.NewGuid(), Name = "MINUSCA", Acronym = null, Kind = OrganizationKind.MissionComponent, CreatedAt = Created };
        Organizations.Add(mission);
        Organizations.Add(new Organization
        {
            Id = Guid.NewGuid(), Name = "Joint Operations Centre", Acronym = "JOC", Kind = OrganizationKind.MissionComponent, ParentId = mission.Id,
            CreatedAt = Created,
        });

        User = new AmaniUser
        {
            Id = Guid.NewGuid(), UserName = "analyst@v1.amani.local", NormalizedUserName = "ANALYST@V1.AMANI.LOCAL",
            Email = "analyst@v1.amani.local", NormalizedEmail = "ANALYST@V1.AMANI.LOCAL", DisplayName = "Version One Analyst",
            SecurityStamp = "V1STAMPV1STAMPV1STAMPV1STAMPV1ST", ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            AccessFailedCount = 2, LockoutEnd = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), CreatedAt = Created,
        };
        User.PasswordHash = new PasswordHasher<AmaniUser>().HashPassword(User, Password);
        Assignment = new RoleAssignment
        {
            Id = Guid.NewGuid(), UserId = User.Id, Role = Role.Analyst, MissionId = Mission.Id, AreaId = Areas[1].Id,
            OrganizationId = Organizations[1].Id, GrantedAt = Created,
        };

        var previous = AuditChain.GenesisHash;
        foreach (var (action, type, id) in new[]
                 {
                     (AuditAction.MissionCreated, "mission", Mission.Id.ToString()), (AuditAction.UserCreated, "user", User.Id.ToString()),
                     (AuditAction.RoleGranted, "role_assignment", Assignment.Id.ToString()),
                 })
        {
            var entry = new AuditEntry
            {
                Sequence = Audit.Count + 1, OccurredAt = Created.AddSeconds(Audit.Count), Actor = "cli:operator", ActionCode = (int)action,
                EntityType = type, EntityId = id, Summary = $"{action} — version one, «unicode» kept.", RequestId = Guid.NewGuid().ToString("N"),
                PreviousHash = previous, HashScheme = AuditHashScheme.Sha256,
            };
            entry.Hash = previous = AuditChain.ComputeLegacyHash(entry);
            Audit.Add(entry);
        }
    }

    /// <summary>Inserts every row with plain SQL, in the representation each provider's EF mapping uses.</summary>
    public async Task InsertAsync(DatabaseTarget target)
    {
        await using var db = new AmaniDbContext(target.CreateOptions());
        var sqlite = target.Provider == DatabaseProvider.Sqlite;
        object V(object value) => (sqlite, value) switch
        {
            (true, Guid g) => g.ToString().ToUpperInvariant(),
            (true, DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
            (true, DateTimeOffset o) => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
            (true, bool b) => b ? 1 : 0,
            (_, Enum e) => e.ToString(),
            _ => value,
        };
        async Task Insert(string table, params (string Column, object? Value)[] row)
        {
            // NULL is written as a literal: an untyped null parameter would be text, which PostgreSQL refuses for uuid columns.
            var values = new List<object>();
            var placeholders = row.Select(c =>
            {
                if (c.Value is null)
                    return "NULL";
                values.Add(V(c.Value));
                return $"{{{values.Count - 1}}}";
            }).ToList();
            var sql = $"INSERT INTO {table} ({string.Join(", ", row.Select(c => c.Column))}) VALUES ({string.Join(", ", placeholders)})";
            await db.Database.ExecuteSqlRawAsync(sql, values);
        }

        var m = Mission;
        await Insert("missions", ("id", m.Id), ("code", m.Code), ("name", m.Name), ("country_iso3", m.CountryIso3), ("time_zone", m.TimeZone),
            ("created_at", m.CreatedAt));
        foreach (var a in Areas)
            await Insert("admin_areas", ("id", a.Id), ("mission_id", a.MissionId), ("level", a.Level), ("p_code", a.PCode), ("name", a.Name),
                ("parent_id", a.ParentId), ("path", a.Path), ("geometry_geo_json", a.GeometryGeoJson), ("centroid_latitude", a.CentroidLatitude),
                ("centroid_longitude", a.CentroidLongitude), ("created_at", a.CreatedAt));
        foreach (var o in Organizations)
            await Insert("organizations", ("id", o.Id), ("name", o.Name), ("acronym", o.Acronym), ("kind", o.Kind), ("parent_id", o.ParentId),
                ("created_at", o.CreatedAt));
        var u = User;
        await Insert("users", ("id", u.Id), ("display_name", u.DisplayName), ("created_at", u.CreatedAt), ("user_name", u.UserName),
            ("normalized_user_name", u.NormalizedUserName), ("email", u.Email), ("normalized_email", u.NormalizedEmail),
            ("email_confirmed", u.EmailConfirmed), ("password_hash", u.PasswordHash), ("security_stamp", u.SecurityStamp),
            ("concurrency_stamp", u.ConcurrencyStamp), ("phone_number", u.PhoneNumber), ("phone_number_confirmed", u.PhoneNumberConfirmed),
            ("two_factor_enabled", u.TwoFactorEnabled), ("lockout_end", u.LockoutEnd), ("lockout_enabled", u.LockoutEnabled),
            ("access_failed_count", u.AccessFailedCount));
        var r = Assignment;
        await Insert("role_assignments", ("id", r.Id), ("user_id", r.UserId), ("role", r.Role.Name), ("mission_id", r.MissionId), ("area_id", r.AreaId),
            ("organization_id", r.OrganizationId), ("granted_at", r.GrantedAt));
        foreach (var e in Audit)
            await Insert("audit_entries", ("sequence", e.Sequence), ("occurred_at", e.OccurredAt), ("actor", e.Actor), ("action_code", e.ActionCode),
                ("entity_type", e.EntityType), ("entity_id", e.EntityId), ("summary", e.Summary), ("request_id", e.RequestId),
                ("previous_hash", e.PreviousHash), ("hash", e.Hash));
    }
}
