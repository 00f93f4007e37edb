using System.Diagnostics;
using System.Globalization;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Amani.Governance.Results;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Amani.Bench.Results;

/// <summary>
/// The benchmark's mission: 1 country, 10 regions (level 1), 100 districts (level 2); N incidents over 2021–2025 spread
/// over the districts (loaded straight into the table, as the other benchmarks do); a plan of 300 indicators, 100
/// computed (the three incident measures, monthly/quarterly/yearly, by district, by region and mission-wide, some keeping
/// one category, some split by category, some public) and 200 entered (some by district, some by sex), with targets and
/// entered values — all of the plan through the module's rules.
/// </summary>
internal static class World
{
    public const string Code = "BENCH";
    public static readonly DateTime From = new(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Categories = ["battles.armed-clash", "riots", "protests.peaceful-protest", "violence-against-civilians.attack"];
    private static readonly string[] Measures = ["incidents.count", "incidents.fatalities", "incidents.civilian-fatalities"];
    private static readonly IndicatorFrequency[] Frequencies = [IndicatorFrequency.Monthly, IndicatorFrequency.Quarterly, IndicatorFrequency.Yearly];

    public sealed record Seeded(Mission Mission, IReadOnlyList<Indicator> Indicators, string Token);

    public static async Task<Mission> MissionAsync(IServiceProvider services) => await Program.Scoped(services, async s =>
    {
        var mission = (await s.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest(Code, Code, "CAF", null), CancellationToken.None)).Value!;
        var areas = s.GetRequiredService<AreaRules>();
        await Add(new CreateAreaRequest("BX", "Benchland", 0, null, null, null, null));
        for (var r = 0; r < 10; r++)
        {
            await Add(new CreateAreaRequest($"BX.R{r}", $"Region {r}", 1, "BX", null, null, null));
            for (var d = 0; d < 10; d++)
                await Add(new CreateAreaRequest($"BX.R{r}.D{d}", $"District {r}{d}", 2, $"BX.R{r}", null, null, null));
        }
        await s.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        return mission;

        async Task Add(CreateAreaRequest request)
        {
            if ((await areas.AddAsync(mission, request, CancellationToken.None)).Refusal is { } refused)
                throw new InvalidOperationException(refused.Message);
            await s.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        }
    });

    /// <summary>N incidents, 2021–2025, each in a district (round robin), a category (one in four each), half public; deterministic.</summary>
    public static async Task IncidentsAsync(IServiceProvider services, DatabaseTarget database, Guid missionId, int count)
    {
        var districts = await Program.Scoped(services, s => s.GetRequiredService<AmaniDbContext>().AdminAreas
            .Where(a => a.MissionId == missionId && a.Level == 2).OrderBy(a => a.PCode).Select(a => a.Id).ToListAsync());
        var random = new Random(42);
        var minutes = (int)(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) - From).TotalMinutes;
        var rows = Enumerable.Range(0, count).Select(n => (Id: Guid.CreateVersion7(), At: From.AddMinutes(random.Next(minutes)), Area: districts[n % districts.Count],
            Category: Categories[(n / 7) % Categories.Length], Deaths: random.Next(0, 6), Public: n % 2 == 0));
        const string columns = "id, mission_id, source, category_code, occurred_from, occurred_until, occurred_precision, reported_at, area_id, " +
                               "fatalities_best, civilian_fatalities, description, description_public, confidentiality, confidence, status, recorded_by_user_id, " +
                               "created_at, updated_at, version";
        var recorder = Guid.NewGuid();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY incidents ({columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(missionId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync("Imported", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Category, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("Day", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.Area, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Deaths, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.Deaths / 2, NpgsqlDbType.Integer);
                    await copy.WriteAsync("Generated incident", NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Public, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(r.Public ? "Public" : "Mission", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("Probable", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("Verified", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(recorder, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("ANALYZE incidents", connection);
            await analyze.ExecuteNonQueryAsync();
            return;
        }
        // SQLite: one prepared INSERT in one transaction; EF Core's formats (upper-case Guid text, "yyyy-MM-dd HH:mm:ss.FFFFFFF").
        await using var sqlite = new SqliteConnection($"Data Source={new SqliteConnectionStringBuilder(database.ConnectionString).DataSource};Pooling=False");
        await sqlite.OpenAsync();
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        var names = columns.Split(", ");
        await using var insert = new SqliteCommand($"INSERT INTO incidents ({columns}) VALUES ({string.Join(", ", names.Select(c => "$" + c))})", sqlite, transaction);
        var p = names.ToDictionary(c => c, c => insert.Parameters.Add("$" + c, SqliteType.Text));
        insert.Prepare();
        static string G(Guid id) => id.ToString().ToUpperInvariant();
        (p["mission_id"].Value, p["source"].Value, p["occurred_precision"].Value, p["description"].Value) = (G(missionId), "Imported", "Day", "Generated incident");
        (p["confidence"].Value, p["status"].Value, p["recorded_by_user_id"].Value, p["version"].Value) = ("Probable", "Verified", G(recorder), 1);
        foreach (var r in rows)
        {
            var at = r.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            (p["id"].Value, p["category_code"].Value, p["area_id"].Value) = (G(r.Id), r.Category, G(r.Area));
            (p["occurred_from"].Value, p["occurred_until"].Value, p["reported_at"].Value, p["created_at"].Value, p["updated_at"].Value) = (at, at, at, at, at);
            (p["fatalities_best"].Value, p["civilian_fatalities"].Value) = (r.Deaths, r.Deaths / 2);
            (p["description_public"].Value, p["confidentiality"].Value) = (r.Public ? 1 : 0, r.Public ? "Public" : "Mission");
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>The plan, its 300 indicators, their targets and the entered values, through the rules; a user holding the planning and duty officer roles, and its token.</summary>
    public static async Task<Seeded> PlanAsync(IServiceProvider services, Mission mission)
    {
        var watch = Stopwatch.StartNew();
        var (user, token) = await Program.Scoped(services, async s =>
        {
            var users = s.GetRequiredService<UserAdministration>();
            var email = "planner@bench.amani.local";
            var created = (await users.CreateAsync(email, "Bench planner", UserAdministration.GeneratePasswordFor(email, null), CancellationToken.None)).Value!.User;
            foreach (var role in new[] { Role.PlanningOfficer, Role.DutyOfficer })
                await users.GrantAsync(created, new GrantRoleRequest(role, Code, null, null), CancellationToken.None);
            var issued = await s.GetRequiredService<TokenIssuer>().IssueAsync(created, "bench", [TokenIssuer.AllScopes], 1, CancellationToken.None);
            return (created.Id, issued.Value!.Secret);
        });
        // The split by category needs the mission's list "category" (no rules for category lists yet: inserted as a row).
        await Program.Scoped(services, s => s.GetRequiredService<AmaniDbContext>().Database.ExecuteSqlRawAsync(
            "INSERT INTO category_lists (id, mission_id, code, name, options) VALUES ({0}, {1}, 'category', 'Incident category', {2})",
            Guid.CreateVersion7(), mission.Id, string.Join("|", Categories.Select(c => $"{c}={c}"))));

        var indicators = await Program.Scoped(services, async s =>
        {
            var rules = s.GetRequiredService<IndicatorRules>();
            var list = new List<Indicator>();
            for (var i = 0; i < 300; i++)
            {
                var outcome = await rules.CreateAsync(mission.Id, i < 100 ? Computed(i, user) : Entered(i, user), CancellationToken.None);
                list.Add(outcome.Value ?? throw new InvalidOperationException($"indicator {i}: {outcome.Refusal!.Message}"));
            }
            return list;
        });
        await Program.Scoped(services, async s =>
        {
            var plans = s.GetRequiredService<PlanRules>();
            var plan = (await plans.CreateAsync(mission.Id, new PlanInput("Bench plan", new DateOnly(2021, 1, 1), new DateOnly(2025, 12, 31)), user, CancellationToken.None)).Value!;
            var n = 0;
            for (var p = 0; p < 5; p++)
            {
                var priority = await Node(null, PlanLevel.Priority, $"P{p}");
                for (var o = 0; o < 4; o++)
                {
                    var objective = await Node(priority, PlanLevel.Objective, $"O{p}.{o}");
                    for (var c = 0; c < 3; c++)
                    {
                        var outcome = await Node(objective, PlanLevel.Outcome, $"OC{p}.{o}.{c}");
                        for (var k = 0; k < 5; k++)
                            Check(await plans.AddNodeAsync(plan, plan.Version, new NodeInput(outcome, PlanLevel.Indicator, null, null, null, null, indicators[n++].Id, null), CancellationToken.None));
                    }
                }
            }
            Check(await plans.ActivateAsync(plan, plan.Version, CancellationToken.None));
            return 0;

            async Task<Guid> Node(Guid? parent, PlanLevel level, string code) =>
                Check(await plans.AddNodeAsync(plan, plan.Version, new NodeInput(parent, level, code, $"{level} {code}", null, null, null, null), CancellationToken.None)).Id;
        });
        var values = 0;
        await Program.Scoped(services, async s =>
        {
            var periods = s.GetRequiredService<IndicatorPeriods>();
            var db = s.GetRequiredService<AmaniDbContext>();
            foreach (var indicator in await db.Set<Indicator>().Where(i => i.MissionId == mission.Id).ToListAsync())
            {
                var all = Period.Between(new DateOnly(2021, 1, 1), new DateOnly(2026, 1, 1), indicator.Frequency).ToList();
                var targets = all.Select((t, k) => new TargetInput(TargetKind.Target, t.Id, null, 100 - k % 50)).Prepend(new TargetInput(TargetKind.Baseline, all[0].Id, null, 120));
                Check(await periods.SetTargetsAsync(indicator, indicator.Version, targets.ToList(), CancellationToken.None));
            }
            return 0;
        });
        var districts = Enumerable.Range(0, 100).Select(d => $"BX.R{d / 10}.D{d % 10}").ToList();
        foreach (var indicator in indicators.Where(i => !i.Computed))
            values += await Program.Scoped(services, async s =>
            {
                var lines = new List<CodedValueInput>();
                foreach (var period in Period.Between(new DateOnly(2021, 1, 1), new DateOnly(2026, 1, 1), indicator.Frequency))
                    foreach (var area in indicator.AreaLevel is null ? [""] : districts)
                        foreach (var split in indicator.Disaggregations.Length > 0 ? ["", "sex:female", "sex:male"] : new[] { "" })
                            lines.Add(new CodedValueInput("bench", indicator.Code, new ValueInput(period.Id, area, split, lines.Count % 97, null, null, null)));
                var result = await s.GetRequiredService<ValueRules>().EnterAsync(mission.Id, lines, user, (_, _) => true, "the benchmark", CancellationToken.None);
                return result.Succeeded ? result.Written : throw new InvalidOperationException($"{indicator.Code}: {result.Rejects[0].Field} {result.Rejects[0].Message}");
            });
        Console.WriteLine($"plan: 300 indicators (100 computed), 385 nodes, targets, {values:N0} entered values, through the rules in {watch.Elapsed.TotalSeconds:0} s");
        return new Seeded(mission, indicators, token);
    }

    private static T Check<T>(Amani.Platform.Records.Outcome<T> outcome) where T : class => outcome.Value ?? throw new InvalidOperationException(outcome.Refusal!.Message);

    /// <summary>Computed indicator <paramref name="i"/> (0–99): measure i mod 3; monthly, quarterly or yearly by (i / 3) mod 3; mission-wide when i mod 5 = 0, else by district (even) or region (odd); keeps the attacks on civilians when i mod 4 = 1; split by category when i mod 7 = 3; public when i mod 10 = 9.</summary>
    private static IndicatorInput Computed(int i, Guid owner) => new($"C{i:000}", $"Computed {i}", null, null, "n", i % 3 == 0 ? IndicatorType.Count : IndicatorType.Sum,
        null, false, IndicatorDirection.LowerIsBetter, Frequencies[i / 3 % 3], i % 5 == 0 ? null : i % 2 == 0 ? 2 : 1, i % 7 == 3 ? ["category"] : [], null, owner, i % 10 == 9,
        new MeasureChoice(Measures[i % 3], null, i % 4 == 1 ? ["violence-against-civilians.attack"] : null), null);

    /// <summary>Entered indicator <paramref name="i"/> (100–299): by district when i mod 4 = 0 (yearly when i mod 8 = 0, else quarterly), else mission-wide by the three frequencies; split by sex when i mod 5 = 0.</summary>
    private static IndicatorInput Entered(int i, Guid owner) => new($"E{i:000}", $"Entered {i}", null, null, "n", IndicatorType.Count, null, false,
        IndicatorDirection.HigherIsBetter, i % 4 == 0 ? (i % 8 == 0 ? IndicatorFrequency.Yearly : IndicatorFrequency.Quarterly) : Frequencies[i % 3],
        i % 4 == 0 ? 2 : null, i % 5 == 0 ? ["sex"] : [], null, owner, false, null, null);
}
