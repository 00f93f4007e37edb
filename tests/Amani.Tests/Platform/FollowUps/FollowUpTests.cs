using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Audit;
using Amani.Platform.FollowUps;
using Amani.Tests.Infrastructure;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.FollowUps;

/// <summary>
/// Follow-ups through the API: created, listed on the mission's board with its filters and in "my follow-ups", exported
/// as CSV, moved along their workflow, with evidence; bad input is refused with problem details and writes nothing.
/// </summary>
public sealed class FollowUpTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_follow_up_is_on_the_board_in_its_owners_list_and_in_the_csv(DatabaseProvider provider)
    {
        await using var world = await FollowUpWorld.StartAsync(provider);
        var field = world.Users[Role.FieldOfficer];
        var (bridge, _) = await world.CreateAsync(FollowUpWorld.Body("Repair the Bossembélé bridge", new { kind = "user", userId = field.Id },
            world.Now.AddDays(10), area: TestMission.Province, module: "liaison"));
        var (prefect, _) = await world.CreateAsync(FollowUpWorld.Body("=Prefect sends the list of checkpoints", new { kind = "external", name = "Prefect of Ombella-M'Poko" },
            world.Now.AddDays(3)), world.Duty);
        var (patrols, _) = await world.CreateAsync(FollowUpWorld.Body("Weekly patrol plan", null, world.Now.AddDays(1)));

        Assert.Equal("open", bridge.GetProperty("status").GetString());
        Assert.Equal(("user", field.Id), (bridge.GetProperty("owner").GetProperty("kind").GetString(), bridge.GetProperty("owner").GetProperty("userId").GetGuid()));
        Assert.Equal(("CF.AA", "liaison"), (bridge.GetProperty("areaPCode").GetString(), bridge.GetProperty("module").GetString()));

        // The board, soonest due first, and its filters.
        async Task<List<Guid>> BoardAsync(string query, HttpClient? client = null)
        {
            var page = await (client ?? world.Analyst).GetFromJsonAsync<JsonElement>($"/api/v1/missions/ALPHA/follow-ups{query}");
            return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        }
        var ids = (bridge.GetProperty("id").GetGuid(), prefect.GetProperty("id").GetGuid(), patrols.GetProperty("id").GetGuid());
        Assert.Equal([ids.Item3, ids.Item2, ids.Item1], await BoardAsync(""));
        Assert.Equal([ids.Item1], await BoardAsync($"?owner={field.Id}"));
        Assert.Equal([ids.Item1], await BoardAsync("?module=liaison"));
        Assert.Equal([ids.Item2], await BoardAsync("?owner=external"));
        Assert.Equal([ids.Item3], await BoardAsync("?owner=dutyOfficer"));
        Assert.Equal([ids.Item1], await BoardAsync("?area=CF.AA"));
        Assert.Empty(await BoardAsync("?overdue=true"));
        Assert.Equal([ids.Item3, ids.Item2], await BoardAsync("?limit=2"));
        var first = await world.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/missions/ALPHA/follow-ups?limit=2");
        Assert.Equal([ids.Item1], await BoardAsync($"?limit=2&cursor={first.GetProperty("nextCursor").GetString()}"));

        await world.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal([ids.Item3], await BoardAsync("?overdue=true"));
        Assert.Equal([ids.Item2, ids.Item1], await BoardAsync("?overdue=false"));

        // Mine: the field officer owes the bridge; the duty officers owe the patrol plan (their role) and the duty officer chases the prefect.
        async Task<List<Guid>> MineAsync(HttpClient client) => (await client.GetFromJsonAsync<JsonElement>("/api/v1/follow-ups/mine"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([ids.Item1], await MineAsync(world.Field));
        Assert.Equal([ids.Item3, ids.Item2], await MineAsync(world.Duty));
        Assert.Empty(await MineAsync(world.Partner));
        Assert.Empty(await MineAsync(world.Scoped)); // a duty officer of CF.AA only: the patrol plan is mission-wide

        // CSV: a header, one row per follow-up, a formula-like title defused.
        var csv = await world.Analyst.GetStringAsync("/api/v1/missions/ALPHA/follow-ups/export.csv?overdue=false");
        var lines = csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("id,mission,module,title,owner_kind,owner,area_pcode,area,due_at,status,overdue,progress", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.Contains("'=Prefect sends the list of checkpoints", lines[1]);
        Assert.Contains("Prefect of Ombella-M'Poko", lines[1]);
        Assert.Contains("Repair the Bossembélé bridge", lines[2]);
        Assert.Contains("CF.AA", lines[2]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_gets_problem_details_and_writes_nothing(DatabaseProvider provider)
    {
        await using var world = await FollowUpWorld.StartAsync(provider);
        var (created, etag) = await world.CreateAsync(FollowUpWorld.Body(dueAt: world.Now.AddDays(5)));
        var id = created.GetProperty("id").GetGuid();
        var before = await world.CountsAsync();

        async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? field = null)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, status, type);
            if (field is not null)
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
            Assert.Equal(before, await world.CountsAsync());
        }
        const string path = "/api/v1/missions/ALPHA/follow-ups";
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, FollowUpWorld.Body(dueAt: world.Now.AddHours(-1))), HttpStatusCode.BadRequest, "validation", "dueAt");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, FollowUpWorld.Body(dueAt: world.Now.AddYears(20))), HttpStatusCode.BadRequest, "validation", "dueAt");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, FollowUpWorld.Body(owner: new { kind = "user", userId = Guid.NewGuid() }, dueAt: world.Now.AddDays(1))),
            HttpStatusCode.BadRequest, "validation", "owner.userId");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, FollowUpWorld.Body(owner: new { kind = "user", userId = world.Outsider.Id }, dueAt: world.Now.AddDays(1))),
            HttpStatusCode.BadRequest, "validation", "owner.userId");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, FollowUpWorld.Body(owner: new { kind = "external", name = "" }, dueAt: world.Now.AddDays(1))),
            HttpStatusCode.BadRequest, "validation", "owner.name");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, FollowUpWorld.Body(dueAt: world.Now.AddDays(1), area: "XX.99")),
            HttpStatusCode.BadRequest, "validation", "areaPCode");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, new { title = "No due date", owner = new { kind = "role", role = "analyst" } }),
            HttpStatusCode.BadRequest, "validation");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync(path, new { title = "Bad owner", owner = new { kind = "nobody" }, dueAt = world.Now.AddDays(1) }),
            HttpStatusCode.BadRequest, "malformed-request");
        // A duty officer of CF.AA manages follow-ups there only: not mission-wide ones.
        await RefusedAsync(await world.Scoped.PostAsJsonAsync(path, FollowUpWorld.Body(dueAt: world.Now.AddDays(1))), HttpStatusCode.BadRequest, "validation", "areaPCode");

        var url = $"/api/v1/follow-ups/{id}";
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Post, $"{url}/transitions", new { to = "inProgress" }, null),
            HttpStatusCode.PreconditionRequired, "version-required");
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Post, $"{url}/transitions", new { to = "inProgress" }, "\"99\""),
            HttpStatusCode.PreconditionFailed, "stale-version");
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Post, $"{url}/transitions", new { to = "open" }, etag),
            HttpStatusCode.Conflict, "conflict");
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Post, $"{url}/transitions", new { to = "dropped" }, etag),
            HttpStatusCode.BadRequest, "validation", "reason");
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Patch, url, new { dueAt = world.Now.AddDays(-2) }, etag),
            HttpStatusCode.BadRequest, "validation", "dueAt");
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Patch, url, new { owner = new { kind = "user", userId = world.Outsider.Id } }, etag),
            HttpStatusCode.BadRequest, "validation", "owner.userId");
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Patch, url, new { progress = 140 }, etag), HttpStatusCode.BadRequest, "validation");
        // A duty officer owes it (their role) but does not manage its due date: 403; their progress is welcome.
        await RefusedAsync(await FollowUpWorld.SendAsync(world.Field, HttpMethod.Patch, url, new { progress = 10 }, etag), HttpStatusCode.Forbidden, "forbidden");
        await RefusedAsync(await world.Analyst.PostAsJsonAsync($"{url}/evidence", new { recordType = "spaceship", recordId = Guid.NewGuid() }),
            HttpStatusCode.BadRequest, "validation", "recordType");
        await RefusedAsync(await world.Analyst.PostAsync($"{url}/evidence", new MultipartFormDataContent { { new ByteArrayContent("MZ\x90\0"u8.ToArray()), "file", "tool.exe" } }),
            HttpStatusCode.BadRequest, "validation", "file");
        var cut = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4");
        cut.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await RefusedAsync(await world.Analyst.PostAsync($"{url}/evidence", cut), HttpStatusCode.BadRequest, "malformed-request");
        await RefusedAsync(await world.Partner.GetAsync(url), HttpStatusCode.NotFound, "not-found");
        await RefusedAsync(await world.Scoped.GetAsync(url), HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Its_owner_records_progress_evidence_and_completion_and_the_history_tells_it(DatabaseProvider provider)
    {
        await using var world = await FollowUpWorld.StartAsync(provider);
        var field = world.Users[Role.FieldOfficer];
        var (created, etag) = await world.CreateAsync(FollowUpWorld.Body("Hand over the water point", new { kind = "user", userId = field.Id }, world.Now.AddDays(7)));
        var id = created.GetProperty("id").GetGuid();
        var url = $"/api/v1/follow-ups/{id}";

        var progressed = await FollowUpWorld.SendAsync(world.Field, HttpMethod.Patch, url, new { progress = 40, note = "Pump installed." }, etag);
        Assert.Equal(HttpStatusCode.OK, progressed.StatusCode);
        var body = await progressed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("inProgress", 40), (body.GetProperty("followUp").GetProperty("status").GetString(), body.GetProperty("followUp").GetProperty("progress").GetInt32()));
        Assert.False(body.GetProperty("canEdit").GetBoolean());
        // The owner may not reschedule it.
        var moved = await FollowUpWorld.SendAsync(world.Field, HttpMethod.Patch, url, new { dueAt = world.Now.AddDays(30) }, progressed.Headers.ETag!.Tag);
        await ProblemAssert.IsProblemAsync(moved, HttpStatusCode.Forbidden, "forbidden");

        var note = await world.Field.PostAsJsonAsync($"{url}/evidence", new { note = "Handover minutes signed by the village committee." });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        var file = await world.Field.PostAsync($"{url}/evidence",
            new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "../minutes.pdf" }, { new StringContent("Signed minutes"), "note" } });
        Assert.Equal(HttpStatusCode.Created, file.StatusCode);
        var fileView = await file.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("minutes.pdf", "application/pdf"), (fileView.GetProperty("fileName").GetString(), fileView.GetProperty("contentType").GetString()));
        Assert.Equal(pdf, await world.Analyst.GetByteArrayAsync($"{url}/evidence/{fileView.GetProperty("id").GetGuid()}/file"));
        var photo = await world.Field.PostAsync($"{url}/evidence",
            new MultipartFormDataContent { { new ByteArrayContent(Amani.Tests.Register.Attachments.TestImages.JpegWithGps()), "file", "pump.jpg" } });
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var photoId = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Amani.Tests.Register.Attachments.TestImages.AssertNoMetadata(await world.Analyst.GetByteArrayAsync($"{url}/evidence/{photoId}/file"));
        var link = await world.Field.PostAsJsonAsync($"{url}/evidence", new { recordType = "incident", recordId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        Assert.StartsWith("/missions/ALPHA/incidents/", (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordPath").GetString());

        var (current, currentTag) = await world.GetAsync(id, world.Field);
        var done = await FollowUpWorld.SendAsync(world.Field, HttpMethod.Post, $"{url}/transitions", new { to = "done" }, currentTag);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var (final, finalTag) = await world.GetAsync(id);
        Assert.Equal(("done", 100), (final.GetProperty("followUp").GetProperty("status").GetString(), final.GetProperty("followUp").GetProperty("progress").GetInt32()));
        Assert.Equal(["open"], final.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(4, final.GetProperty("evidence").GetArrayLength());
        Assert.Equal(["created", "progress", "evidence", "evidence", "evidence", "evidence", "moved"],
            final.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.NotEqual(current.GetProperty("followUp").GetProperty("version").GetInt32(), final.GetProperty("followUp").GetProperty("version").GetInt32());

        // Reopening needs a reason; with one it is open again, and every step was audited.
        var reopened = await FollowUpWorld.SendAsync(world.Analyst, HttpMethod.Post, $"{url}/transitions", new { to = "open", reason = "The pump broke again." }, finalTag);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var audit = await world.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "follow_up")
            .OrderBy(a => a.Sequence).Select(a => a.ActionCode).ToListAsync());
        Assert.Equal([(int)AuditAction.FollowUpCreated, (int)AuditAction.FollowUpEdited, .. Enumerable.Repeat((int)AuditAction.FollowUpEvidenceAdded, 4),
            (int)AuditAction.FollowUpMoved, (int)AuditAction.FollowUpMoved], audit);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_area_scoped_role_sees_the_follow_ups_of_its_areas_only(DatabaseProvider provider)
    {
        await using var world = await FollowUpWorld.StartAsync(provider);
        var (inArea, _) = await world.CreateAsync(FollowUpWorld.Body("Checkpoint removed at PK12", dueAt: world.Now.AddDays(3), area: TestMission.Province));
        var (wide, _) = await world.CreateAsync(FollowUpWorld.Body("Mission-wide plan", dueAt: world.Now.AddDays(3)));
        var board = await world.Scoped.GetFromJsonAsync<JsonElement>("/api/v1/missions/ALPHA/follow-ups");
        Assert.Equal([inArea.GetProperty("id").GetGuid()], board.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await world.Scoped.GetAsync($"/api/v1/follow-ups/{wide.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Scoped.GetAsync($"/api/v1/follow-ups/{inArea.GetProperty("id").GetGuid()}")).StatusCode);
        // Its own area is one it may create follow-ups in.
        var created = await world.Scoped.PostAsJsonAsync("/api/v1/missions/ALPHA/follow-ups", FollowUpWorld.Body("Local follow-up", dueAt: world.Now.AddDays(2), area: TestMission.Province));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // A mission the caller has no role in does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await world.Scoped.GetAsync("/api/v1/missions/BRAVO/follow-ups")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_access_token_without_a_follow_ups_scope_reads_none_even_of_its_users_own(DatabaseProvider provider)
    {
        await using var world = await FollowUpWorld.StartAsync(provider);
        var field = world.Users[Role.FieldOfficer];
        var (created, _) = await world.CreateAsync(FollowUpWorld.Body("Count the returnees at Kaga-Bandoro", new { kind = "user", userId = field.Id }, world.Now.AddDays(3)));
        async Task<HttpClient> TokenAsync(params string[] scopes) => world.App.TokenClient(await world.App.WithScopeAsync(async services =>
        {
            var user = (await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AmaniUser>>().FindByIdAsync(field.Id.ToString()))!;
            return (await services.GetRequiredService<Amani.Foundation.Tokens.TokenIssuer>().IssueAsync(user, "script", scopes, 30, CancellationToken.None)).Value!.Secret;
        }));
        var other = await TokenAsync("missions:read");
        await ProblemAssert.IsProblemAsync(await other.GetAsync("/api/v1/follow-ups/mine"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/follow-ups/{created.GetProperty("id").GetGuid()}")).StatusCode);
        var reader = await TokenAsync("follow-ups:read");
        Assert.Single((await reader.GetFromJsonAsync<JsonElement>("/api/v1/follow-ups/mine")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/follow-ups/{created.GetProperty("id").GetGuid()}")).StatusCode);
    }
}
