using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Register.Reporting.Intake;

/// <summary>
/// Every field of a submitted report arrives in the database as sent — whichever write path the intake takes (EF Core,
/// or binary COPY on PostgreSQL) — with its audit row chained in.
/// </summary>
public sealed class StoredReportFieldsTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_field_of_a_report_is_stored_as_sent(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var occurredAt = new DateTimeOffset(2026, 11, 1, 7, 30, 15, TimeSpan.FromHours(1));

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/reports", new
        {
            description = "Des hommes armés près du marché — « urgent »", latitude = 4.25, longitude = 18.75, occurredAt,
            contact = new { email = "witness@example.org" }, consentToContact = true, language = "fr", idempotencyKey = "every-field-key-1",
            placeName = "Marché central",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var stored = await app.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync());
        Assert.Equal(mission.Id, stored.MissionId);
        Assert.Equal("Des hommes armés près du marché — « urgent »", stored.Description);
        Assert.Equal((4.25, 18.75), (stored.Latitude, stored.Longitude));
        Assert.Equal(occurredAt.UtcDateTime, stored.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, stored.ReceivedAt.Kind);
        Assert.Equal(stored.ReceivedAt, stored.UpdatedAt);
        Assert.Equal(1, stored.Version); // on PostgreSQL written by COPY, which lists the column itself
        Assert.Equal(("fr", "Marché central", ReportChannel.Web, ReportStatus.New), (stored.Language, stored.PlaceName, stored.Channel, stored.Status));
        Assert.True(stored.ConsentToContact);
        Assert.NotNull(stored.AreaId);
        Assert.Equal(64, stored.IdempotencyKeyHash?.Length);
        Assert.Equal(64, stored.RequestFingerprint?.Length);
        Assert.Null(stored.IncidentId);
        var contact = app.Services.GetRequiredService<ContactProtection>().Unprotect(stored.ContactProtected);
        Assert.Equal("witness@example.org", contact?.Email);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityId == stored.Id.ToString()));
        Assert.Equal((2100, "anonymous", "community_report"), (audited.ActionCode, audited.Actor, audited.EntityType));
        Assert.True((await app.WithDbAsync(db => Amani.Platform.Audit.AuditChain.VerifyAsync(db, CancellationToken.None))).IsIntact);
    }
}
