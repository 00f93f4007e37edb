using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>
/// The public CAP 1.2 feed: an Atom index and one CAP message per public alert, valid against the CAP 1.2 structure,
/// located only by the (coarsened) admin area, and without anything that is not public.
/// </summary>
public sealed class CapFeedTests
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly Lazy<XmlSchemaSet> Schema = new(() =>
    {
        var set = new XmlSchemaSet();
        set.Add(Cap.NamespaceName, Path.Combine(AppContext.BaseDirectory, "Analysis", "Alerts", "Fixtures", "cap-1.2-structure.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>Validates against the CAP 1.2 structure, then checks what the schema cannot: CAP's time form and polygon rules.</summary>
    private static XDocument ValidCap(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schema.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
            while (reader.Read()) { }
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + xml);
        var document = XDocument.Parse(xml);
        Assert.Equal(Cap + "alert", document.Root!.Name);
        foreach (var time in document.Descendants().Where(e => e.Name.LocalName is "sent" or "effective" or "onset" or "expires"))
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+\d\d:\d\d|-\d\d:\d\d)$", time.Value);
        Assert.DoesNotContain("+00:00", xml); // CAP writes UTC as -00:00
        foreach (var polygon in document.Descendants(Cap + "polygon"))
        {
            var points = polygon.Value.Split(' ');
            Assert.True(points.Length >= 4, polygon.Value);
            Assert.Equal(points[0], points[^1]);
            Assert.All(points, p => Assert.Matches(@"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$", p));
        }
        return document;
    }

    private static string Value(XDocument document, string element) => document.Descendants(Cap + element).Single().Value;

    /// <summary>Publishes one public alert and returns its id.</summary>
    private static async Task<Guid> PublishOneAsync(AlertWorld world)
    {
        await world.RuleAsync(new
        {
            name = "Armed violence in Bimbo-Centre", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.BimboCentre, threshold = 1, windowDays = 7,
            @public = true,
        });
        await world.IncidentAsync(AlertWorld.InBimboCentre, 1, confidentiality: "public");
        await world.RunAsync();
        return (await world.AlertsAsync()).Single(a => a.IsPublic).Id;
    }

    private static async Task<(XDocument Feed, XDocument Cap)> ReadAsHostAsync(AlertWorld world, string host, Guid alert)
    {
        var anonymous = world.App.CreateClient();
        async Task<string> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        var feed = XDocument.Parse(await GetAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/cap"));
        var cap = XDocument.Parse(await GetAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/{alert}/cap"));
        return (feed, cap);
    }

    private static IEnumerable<string> Links(XDocument feed) =>
        feed.Descendants(Atom + "link").Select(l => (string)l.Attribute("href")!).Append(feed.Root!.Element(Atom + "id")!.Value);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Feed_links_and_the_CAP_sender_never_follow_the_Host_header(DatabaseProvider provider)
    {
        // No public base URL and no sender domain: links use the address the server listens on, whatever Host says.
        await using var world = await AlertWorld.StartAsync(provider, capSenderDomain: null);
        var alert = await PublishOneAsync(world);
        var (feed, cap) = await ReadAsHostAsync(world, "evil.example", alert);
        var own = world.App.BaseAddress.AbsoluteUri.TrimEnd('/');
        Assert.All(Links(feed), link => Assert.StartsWith(own + "/api/v1/public/missions/", link));
        Assert.DoesNotContain("evil.example", feed.ToString());
        Assert.Equal($"{AlertWorld.Mission.ToLowerInvariant()}@{world.App.BaseAddress.Host}", Value(cap, "sender"));
        Assert.DoesNotContain("evil.example", cap.ToString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task With_a_public_base_URL_links_use_it_and_other_hosts_are_refused(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider, capSenderDomain: null,
            host: s => s with { PublicBaseUrl = new Uri("http://amani.mission.example/field/") }); // http: the test's client keeps no Secure cookie
        var alert = await PublishOneAsync(world);

        // The machine's own name (loopback) is allowed by default; every link starts with the public base URL.
        var (feed, cap) = await ReadAsHostAsync(world, world.App.BaseAddress.Authority, alert);
        Assert.All(Links(feed), link => Assert.StartsWith("http://amani.mission.example/field/api/v1/public/missions/", link));
        Assert.Equal($"{AlertWorld.Mission.ToLowerInvariant()}@amani.mission.example", Value(cap, "sender"));

        // Another Host is refused before anything reads it; health checks (load balancers probe by address) still answer.
        var anonymous = world.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/missions/{AlertWorld.Mission}/alerts/cap");
        request.Headers.Host = "evil.example";
        var refused = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal("/problems/unknown-host", problem!.Type);
        Assert.Contains("'evil.example'", problem.Detail);
        Assert.Contains("AMANI_ALLOWED_HOSTS", problem.Detail);
        using var health = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        health.Headers.Host = "10.0.0.7";
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(health)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Public_alerts_are_published_as_valid_CAP_and_nothing_else_is(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var publicRule = await world.RuleAsync(new
        {
            name = "Armed violence in Bimbo-Centre", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.BimboCentre, threshold = 2, windowDays = 7,
            @public = true,
        });
        await world.RuleAsync(new { name = "Secret clashes", kind = "incidentCount", severity = "extreme", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
        var incidents = new List<Guid>();
        for (var i = 0; i < 2; i++)
            incidents.Add(await world.IncidentAsync(AlertWorld.InBimboCentre, 1 + i * 0.1, confidentiality: "public", description: "Shots near the Marché central mosque"));
        incidents.Add(await world.IncidentAsync(AlertWorld.InOuham, 1));
        await world.RunAsync();
        var alerts = await world.AlertsAsync();
        var published = alerts.Single(a => a.IsPublic);
        var secret = alerts.Single(a => !a.IsPublic);
        var anonymous = world.App.CreateClient();

        // The Atom index lists the public alert only, linking to its CAP message.
        var index = await anonymous.GetAsync($"/api/v1/public/missions/{AlertWorld.Mission.ToLowerInvariant()}/alerts/cap");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("application/atom+xml", index.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await index.Content.ReadAsStringAsync());
        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.Equal($"urn:uuid:{published.Id}", entry.Element(Atom + "id")!.Value);
        var link = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("type") == "application/cap+xml");
        Assert.EndsWith($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/{published.Id}/cap", (string)link.Attribute("href")!);
        Assert.NotNull(feed.Root.Element(Atom + "updated"));

        // The CAP message.
        var response = await anonymous.GetAsync(new Uri((string)link.Attribute("href")!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        var cap = ValidCap(xml);
        var sent = DateTimeOffset.Parse(Value(cap, "sent"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(1), sent.Offset); // Bangui time, as the mission shows dates
        Assert.Equal(published.RaisedAt, sent.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal($"amani-{published.Id:N}-{published.RaisedAt:yyyyMMdd'T'HHmmss}", Value(cap, "identifier"));
        Assert.Equal("alpha@alerts.test", Value(cap, "sender"));
        Assert.Equal(("Actual", "Alert", "Public"), (Value(cap, "status"), Value(cap, "msgType"), Value(cap, "scope")));
        Assert.Empty(cap.Descendants(Cap + "references"));
        Assert.Equal(["Safety", "Security"], cap.Descendants(Cap + "category").Select(c => c.Value));
        Assert.Equal("Armed violence in Bimbo-Centre", Value(cap, "event"));
        Assert.Equal(("Immediate", "Severe", "Observed"), (Value(cap, "urgency"), Value(cap, "severity"), Value(cap, "certainty")));
        Assert.Equal("2 incidents in Bimbo-Centre in 7 days", Value(cap, "headline"));
        Assert.Equal("2 incidents in Bimbo-Centre in the last 7 days; the threshold is 2.", Value(cap, "description"));
        Assert.Equal("Alpha mission", Value(cap, "senderName"));
        // Located by its district (Bimbo, admin level 2: the public view's coarsening), as the district's bounding box.
        Assert.Equal("Bimbo", Value(cap, "areaDesc"));
        Assert.Equal("4.0,18.0 4.0,18.5 4.5,18.5 4.5,18.0 4.0,18.0", Value(cap, "polygon"));
        Assert.Equal(AlertWorld.Bimbo, Value(cap, "value"));

        // Nothing that is not public: no incident id, coordinates, place, description, user, evidence, nor the other alert.
        var feedText = feed.ToString();
        foreach (var text in new[] { xml, feedText })
        {
            foreach (var id in incidents.Concat(world.Users.Values.Select(u => u.Id)).Append(secret.Id))
            {
                Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(id.ToString("N"), text, StringComparison.OrdinalIgnoreCase);
            }
            foreach (var needle in new[] { "18.1", "Marché", "mosque", "Shots", "Secret clashes", "Ouham", "dutyOfficer", "DutyOfficer", "owner", "evidence" })
                Assert.DoesNotContain(needle, text, StringComparison.OrdinalIgnoreCase);
        }
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/{secret.Id}/cap"),
            HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/v1/public/missions/NOPE/alerts/cap"), HttpStatusCode.NotFound, "not-found");

        // Resolved: an Update referring to the first message, without the outcome's text.
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(published.Id, new { to = "acknowledged" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(published.Id, new { to = "responding" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await world.Duty.PostAsJsonAsync($"/api/v1/alerts/{published.Id}/actions", new { what = "Patrol of sector west sent" })).StatusCode);
        await world.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(published.Id, new { to = "resolved", outcome = "Informant Jean-Baptiste confirmed calm" })).StatusCode);
        var update = await anonymous.GetStringAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/{published.Id}/cap");
        var updated = ValidCap(update);
        Assert.Equal(("Update", "Past"), (Value(updated, "msgType"), Value(updated, "urgency")));
        Assert.Equal($"alpha@alerts.test,{Value(cap, "identifier")},{Value(cap, "sent")}", Value(updated, "references"));
        Assert.NotEqual(Value(cap, "identifier"), Value(updated, "identifier"));
        Assert.StartsWith("Resolved: ", Value(updated, "headline"));
        foreach (var needle in new[] { "Jean-Baptiste", "Informant", "Patrol of sector west" })
            Assert.DoesNotContain(needle, update);

        // The condition still holds: a new public alert; declared a false alarm, it becomes a Cancel, without the reason.
        await world.RunAsync();
        var again = (await world.AlertsAsync()).Single(a => a.IsPublic && a.Id != published.Id);
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(again.Id, new { to = "falseAlarm", reason = "Radio check by Captain Moussa" })).StatusCode);
        var cancel = await anonymous.GetStringAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/{again.Id}/cap");
        var cancelled = ValidCap(cancel);
        Assert.Equal(("Cancel", "Unlikely"), (Value(cancelled, "msgType"), Value(cancelled, "certainty")));
        Assert.DoesNotContain("Moussa", cancel);
        Assert.Equal(2, XDocument.Parse(await anonymous.GetStringAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/cap"))
            .Root!.Elements(Atom + "entry").Count());

        // A rule made non-public takes its alerts out of the feed.
        var rule = await world.Analyst.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{publicRule}");
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{publicRule}")
        {
            Content = JsonContent.Create(new { name = "Armed violence in Bimbo-Centre", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.BimboCentre,
                threshold = 2, windowDays = 7, @public = false }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", rule.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await world.Analyst.SendAsync(edit)).StatusCode);
        Assert.Empty(XDocument.Parse(await anonymous.GetStringAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/cap")).Root!.Elements(Atom + "entry"));
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/v1/public/missions/{AlertWorld.Mission}/alerts/{published.Id}/cap"),
            HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public void CAP_times_have_whole_seconds_and_an_offset_and_UTC_is_written_minus_zero()
    {
        var utc = new DateTime(2026, 11, 21, 13, 5, 7, 123, DateTimeKind.Utc).AddTicks(4567);
        Assert.Equal("2026-11-21T14:05:07+01:00", CapDocument.Time(utc, TimeZoneInfo.FindSystemTimeZoneById("Africa/Bangui")));
        Assert.Equal("2026-11-21T13:05:07-00:00", CapDocument.Time(utc, TimeZoneInfo.Utc));
        Assert.Equal("2026-11-21T08:05:07-05:00", CapDocument.Time(utc, TimeZoneInfo.FindSystemTimeZoneById("America/Port-au-Prince")));
        Assert.Matches(new Regex(@"^amani-[0-9a-f]{32}-\d{8}T\d{6}$"),
            CapMessages.Identifier(new Alert { Headline = "", Explanation = "", EvidenceJson = "", EvidenceFingerprint = "" }, utc));
    }
}
