using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amani.Foundation.Missions;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Forms;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Amani.Bench.SurveyRounds;

/// <summary>
/// The benchmark's survey: a mission, one perception form (area, village, sex, age and Q analysed questions: of every 6,
/// 4 select_one of 5 choices, 1 select_multiple of 6, 1 integer 0–10) imported through the module's rules, N submissions
/// of it written straight into <c>survey_submissions</c> (COPY on PostgreSQL, one prepared INSERT in one transaction on
/// SQLite; 5 % of answers empty), and a round over them with one stratum per area (100 areas × 10 villages × 20
/// respondents by default) created through <see cref="RoundBook"/>. Deterministic (seeded random).
/// </summary>
internal static class World
{
    public const string Code = "BENCH", FormId = "bench_perception";
    public static readonly DateTime Fieldwork = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Seeded(Guid MissionId, Guid SurveyId, Guid FormId, Guid RoundId);

    public static string Question(int q) => $"q{q + 1:00}";
    public static string Area(int a) => $"BX.R{a / 10}.D{a % 10}";
    private static string KindOf(int q) => (q % 6) switch { < 4 => "select_one", 4 => "select_multiple", _ => "integer" };

    public static async Task<Seeded> SeedAsync(IServiceProvider services, DatabaseTarget database, int submissions, int questions, int areas)
    {
        var (missionId, surveyId, formId, versionId) = await Program.Scoped(services, async s =>
        {
            var mission = (await s.GetRequiredService<MissionRules>().CreateAsync(new CreateMissionRequest(Code, Code, "CAF", null), CancellationToken.None)).Value!;
            var imported = await s.GetRequiredService<FormImports>().ImportAsync(new MissionEntry(mission.Id, Code, Code, "UTC"), null, "bench.xml",
                new MemoryStream(Encoding.UTF8.GetBytes(XForm(questions, areas))), null, CancellationToken.None);
            var form = imported.Value ?? throw new InvalidOperationException(imported.Refusal?.Message ?? string.Join("; ", imported.Problems!.Select(p => p.Message)));
            var version = await s.GetRequiredService<AmaniDbContext>().Set<FormVersion>().Where(v => v.FormId == form.FormId).Select(v => v.Id).SingleAsync();
            return (mission.Id, form.SurveyId, form.FormId, version);
        });
        await SubmissionsAsync(database, missionId, formId, versionId, Instances(submissions, questions, areas));
        var roundId = await Program.Scoped(services, async s =>
        {
            var survey = await s.GetRequiredService<AmaniDbContext>().Set<Survey>().SingleAsync(x => x.Id == surveyId);
            var strata = Enumerable.Range(0, areas).Select(a => new StratumInput(Area(a), 5_000 + 250 * a)).ToList();
            var created = await s.GetRequiredService<RoundBook>().CreateAsync(survey, new RoundInput("Bench round", null, FormId,
                DateOnly.FromDateTime(Fieldwork), DateOnly.FromDateTime(Fieldwork).AddDays(30), "area", "village", "sex", "age", null, 25, false, strata),
                null, CancellationToken.None);
            return created.Value?.Id ?? throw new InvalidOperationException(created.Refusal!.Message);
        });
        return new Seeded(missionId, surveyId, formId, roundId);
    }

    /// <summary>The instances as phones send them: respondent i is in area i / (n / areas), village (i / 20) mod 10.</summary>
    private static IEnumerable<(string InstanceId, string Xml, DateTime At)> Instances(int count, int questions, int areas)
    {
        var random = new Random(2026);
        var perArea = Math.Max(1, count / areas);
        var text = new StringBuilder(4096);
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            var instanceId = $"uuid:{new Guid(bytes):D}";
            text.Clear().Append(CultureInfo.InvariantCulture, $"<data id=\"{FormId}\" version=\"1\"><area>{Area(Math.Min(areas - 1, i / perArea))}</area>")
                .Append(CultureInfo.InvariantCulture, $"<village>v{i / 20 % 10}</village><sex>{(random.Next(2) == 0 ? "female" : "male")}</sex><age>{random.Next(18, 80)}</age>");
            for (var q = 0; q < questions; q++)
            {
                text.Append('<').Append(Question(q)).Append('>');
                if (random.NextDouble() >= 0.05)
                    text.Append(KindOf(q) switch
                    {
                        "select_one" => $"c{random.Next(1, 6)}",
                        "select_multiple" => string.Join(' ', Enumerable.Range(1, 6).Where(_ => random.Next(3) == 0).Select(c => $"m{c}")),
                        _ => random.Next(0, 11).ToString(CultureInfo.InvariantCulture),
                    });
                text.Append("</").Append(Question(q)).Append('>');
            }
            text.Append(CultureInfo.InvariantCulture, $"<meta><instanceID>{instanceId}</instanceID></meta></data>");
            yield return (instanceId, text.ToString(), Fieldwork.AddSeconds(i * 60));
        }
    }

    private static async Task SubmissionsAsync(DatabaseTarget database, Guid missionId, Guid formId, Guid versionId,
        IEnumerable<(string InstanceId, string Xml, DateTime At)> instances)
    {
        const string columns = "id, mission_id, form_id, version_id, instance_id, xml, xml_hash, complete, review_state, received_at, updated_at, version";
        static string Hash(string xml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY survey_submissions ({columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (instanceId, xml, at) in instances)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(missionId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(formId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(versionId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(instanceId, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(xml, NpgsqlDbType.Text);
                    await copy.WriteAsync(Hash(xml), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(nameof(ReviewState.Received), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("ANALYZE survey_submissions", connection);
            await analyze.ExecuteNonQueryAsync();
            return;
        }
        // SQLite: EF Core's formats (upper-case Guid text, "yyyy-MM-dd HH:mm:ss.FFFFFFF").
        await using var sqlite = new SqliteConnection($"Data Source={new SqliteConnectionStringBuilder(database.ConnectionString).DataSource};Pooling=False");
        await sqlite.OpenAsync();
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        var names = columns.Split(", ");
        await using var insert = new SqliteCommand($"INSERT INTO survey_submissions ({columns}) VALUES ({string.Join(", ", names.Select(c => "$" + c))})", sqlite, transaction);
        var p = names.ToDictionary(c => c, c => insert.Parameters.Add("$" + c, SqliteType.Text));
        insert.Prepare();
        static string G(Guid id) => id.ToString().ToUpperInvariant();
        (p["mission_id"].Value, p["form_id"].Value, p["version_id"].Value) = (G(missionId), G(formId), G(versionId));
        (p["complete"].Value, p["review_state"].Value, p["version"].Value) = (1, nameof(ReviewState.Received), 1);
        foreach (var (instanceId, xml, at) in instances)
        {
            var time = at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            (p["id"].Value, p["instance_id"].Value, p["xml"].Value, p["xml_hash"].Value) = (G(Guid.CreateVersion7()), instanceId, xml, Hash(xml));
            (p["received_at"].Value, p["updated_at"].Value) = (time, time);
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>The form as an XForm: choice lists as secondary instances, one bind and one control per question.</summary>
    private static string XForm(int questions, int areas)
    {
        static string List(string id, IEnumerable<string> names) =>
            $"<instance id=\"{id}\"><root>{string.Concat(names.Select(n => $"<item><name>{n}</name><label>{n}</label></item>"))}</root></instance>";
        static string Select(string path, string kind, string list) =>
            $"<{kind} ref=\"/data/{path}\"><label>{path}</label><itemset nodeset=\"instance('{list}')/root/item\"><value ref=\"name\"/><label ref=\"label\"/></itemset></{kind}>";
        var names = Enumerable.Range(0, questions).Select(Question).ToList();
        var binds = new StringBuilder("<bind nodeset=\"/data/area\" type=\"string\"/><bind nodeset=\"/data/village\" type=\"string\"/>")
            .Append("<bind nodeset=\"/data/sex\" type=\"string\"/><bind nodeset=\"/data/age\" type=\"int\"/>");
        var body = new StringBuilder(Select("area", "select1", "areas")).Append("<input ref=\"/data/village\"><label>village</label></input>")
            .Append(Select("sex", "select1", "sexes")).Append("<input ref=\"/data/age\"><label>age</label></input>");
        for (var q = 0; q < questions; q++)
        {
            binds.Append($"<bind nodeset=\"/data/{names[q]}\" type=\"{(KindOf(q) == "integer" ? "int" : "string")}\"/>");
            body.Append(KindOf(q) switch
            {
                "select_one" => Select(names[q], "select1", "five"),
                "select_multiple" => Select(names[q], "select", "six"),
                _ => $"<input ref=\"/data/{names[q]}\"><label>{names[q]}</label></input>",
            });
        }
        return $"""
            <?xml version="1.0"?>
            <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
              <h:head><h:title>Bench perception</h:title><model>
                <instance><data id="{FormId}" version="1"><area/><village/><sex/><age/>{string.Concat(names.Select(n => $"<{n}/>"))}<meta><instanceID/></meta></data></instance>
                {List("areas", Enumerable.Range(0, areas).Select(Area))}{List("sexes", ["female", "male"])}
                {List("five", Enumerable.Range(1, 5).Select(c => $"c{c}"))}{List("six", Enumerable.Range(1, 6).Select(c => $"m{c}"))}
                {binds}<bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
              </model></h:head>
              <h:body>{body}</h:body>
            </h:html>
            """;
    }
}
