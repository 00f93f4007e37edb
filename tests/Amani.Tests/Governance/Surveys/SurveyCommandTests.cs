using System.Net;
using System.Xml.Linq;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Cli;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// The contracts other tools call: <c>./amani surveys import-form FILE --mission M</c> prints the form id, and
/// <c>./amani surveys app-user create --mission M --name N</c> prints on its last line the server URL ODK Collect is given
/// — to which a phone appends <c>formList</c> and <c>submission</c>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SurveyCommandTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_form_prints_the_form_id_and_app_user_create_prints_the_server_URL_a_phone_uses(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using (var app = await TestApp.StartNodeAsync(database))
            await TestMission.CreateAsync(app);
        var directory = Directory.CreateTempSubdirectory("amani-surveys-");
        try
        {
            var file = Path.Combine(directory.FullName, "household.xml");
            await File.WriteAllTextAsync(file, SurveyWorld.XForm());
            var imported = await CliRunner.SucceedAsync(database.Target, "surveys", "import-form", file, "--mission", "alpha");
            Assert.Equal(SurveyWorld.FormId, imported.Out.Trim().Split('\n')[^1].Trim());

            var bad = Path.Combine(directory.FullName, "bad.xml");
            await File.WriteAllTextAsync(bad, "<not closed>");
            var refused = await CliRunner.RunAsync(database.Target, "surveys", "import-form", bad, "--mission", "ALPHA");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("xml row 1: The file is not well-formed XML", refused.Error);
            var xlsx = Path.Combine(directory.FullName, "form.xlsx");
            await File.WriteAllBytesAsync(xlsx, [0x50, 0x4b, 3, 4, 0, 0]);
            Assert.Equal(1, (await CliRunner.RunAsync(database.Target, "surveys", "import-form", xlsx, "--mission", "ALPHA")).ExitCode);

            var created = await CliRunner.SucceedAsync(database.Target, "surveys", "app-user", "create", "--mission", "ALPHA", "--name", "Bambari team");
            var serverUrl = created.Out.Trim().Split('\n')[^1].Trim();
            Assert.Matches(@"^http://127\.0\.0\.1:5080/api/v1/openrosa/key/[A-Za-z0-9_-]{43}/missions/ALPHA$", serverUrl);
            await using (var db = new Amani.Platform.Data.AmaniDbContext(database.Target.CreateOptions()))
            {
                Assert.Equal(1, await db.Set<SurveyForm>().CountAsync());
                Assert.True(await db.AuditEntries.AnyAsync(e => e.ActionCode == 4305 && e.Actor.StartsWith("cli:")));
            }

            // The URL works as printed (the path after the public address) against a running server.
            await using var app = await TestApp.StartNodeAsync(database);
            using var phone = new HttpClient();
            var path = new Uri(serverUrl).AbsolutePath;
            var list = await phone.GetAsync(new Uri(app.BaseAddress, path + "/formList"));
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains(SurveyWorld.FormId, XDocument.Parse(await list.Content.ReadAsStringAsync()).ToString());
            var probe = await phone.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(app.BaseAddress, path + "/submission")));
            Assert.Equal(HttpStatusCode.NoContent, probe.StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
