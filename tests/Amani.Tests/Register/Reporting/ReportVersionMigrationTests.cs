using System.Globalization;
using System.Net;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Data;
using Amani.Tests.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Register.Reporting;

/// <summary>Migration 0016: reports stored before reports had versions get version 1, and triage works on them.</summary>
public sealed class ReportVersionMigrationTests
{
    private const int BeforeVersions = 15;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_report_stored_before_migration_16_gets_version_1_and_can_be_triaged(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        var migrator = new SchemaMigrator(database.Target);
        await migrator.MigrateAsync(targetVersion: 1);
        var v1 = new VersionOneData();
        await v1.InsertAsync(database.Target);
        await migrator.MigrateAsync(targetVersion: BeforeVersions);
        var id = Guid.NewGuid();
        await InsertReportAsync(database.Target, id, v1.Mission.Id);

        Assert.Equal(new SchemaMigrator.Result(BeforeVersions, SchemaMigrator.LatestVersion(provider)), await migrator.MigrateAsync());

        await using var app = await TestApp.StartAsync(database);
        Assert.Equal(1, await app.WithDbAsync(db => db.CommunityReports.Where(r => r.Id == id).Select(r => r.Version).SingleAsync()));
        if (provider == DatabaseProvider.Postgres) // the default only filled the existing rows: a writer that forgets the column fails
            Assert.Null(await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT column_default AS \"Value\" FROM information_schema.columns " +
                "WHERE table_schema = current_schema() AND table_name = 'community_reports' AND column_name = 'version'").SingleAsync()));
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, v1.Mission.Code));
        var moved = await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/missions/{v1.Mission.Code}/reports/{id}/status",
            new { status = "inReview" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("\"2\"", moved.Headers.ETag?.Tag);
    }

    /// <summary>A report as the version-15 schema holds it, written with plain SQL in each provider's representation.</summary>
    private static async Task InsertReportAsync(DatabaseTarget target, Guid id, Guid missionId)
    {
        await using var db = new AmaniDbContext(target.CreateOptions());
        var sqlite = target.Provider == DatabaseProvider.Sqlite;
        var at = new DateTime(2026, 11, 20, 14, 0, 0, DateTimeKind.Utc);
        object[] values =
        [
            sqlite ? id.ToString().ToUpperInvariant() : id, sqlite ? missionId.ToString().ToUpperInvariant() : missionId, "7K2MQ9XD4HTP", "Web",
            "Reported before reports had versions", sqlite ? 0 : false, "New",
            sqlite ? at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : at,
        ];
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO community_reports (id, mission_id, tracking_code, channel, description, consent_to_contact, status, received_at, updated_at) " +
            "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {7})", values);
    }
}
