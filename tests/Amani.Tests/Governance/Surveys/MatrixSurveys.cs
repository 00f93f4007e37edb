using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Platform.Access;
using Xunit;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// The surveys of the access-matrix world — the household form imported by the administrator into a survey that is not
/// sensitive, an app user, and one submission it sent — and the answers each caller gets. Staff endpoints: every staff
/// role reads (partners hold no survey permission: 403), administrators and planning officers manage (reaching the
/// rule that refuses: 400, 404, 415 or the If-Match check, 428). The OpenRosa endpoints authenticate by the key in their
/// path, not by the caller's session: every caller, anonymous included, gets the same answer. The field accounts' OpenRosa
/// endpoints answer whoever holds surveys:submit in the mission (administrators, planning and field officers).
/// </summary>
public static class MatrixSurveys
{
    public sealed record World(Guid Survey, string Token);

    public static async Task<World> CreateAsync(HttpClient admin)
    {
        var imported = await SurveyWorld.ImportAsync(admin, SurveyWorld.XForm(), "household.xml", MatrixWorld.Mission);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var survey = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyId").GetGuid();
        var appUser = await admin.PostAsJsonAsync($"/api/v1/missions/{MatrixWorld.Mission}/app-users", new { name = "Matrix phone" });
        var created = await appUser.Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        using var phone = new HttpClient();
        var body = new MultipartFormDataContent { { new StringContent(SurveyWorld.Instance(Instance)), "xml_submission_file", "instance.xml" } };
        var sent = await phone.PostAsync(created.GetProperty("serverUrl").GetString() + "/submission", body);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        return new World(survey, token);
    }

    private const string Instance = "uuid:00000000-0000-4000-8000-00000000a11a";

    private static Dictionary<Caller, HttpStatusCode> Answers(HttpStatusCode admin, HttpStatusCode staff) =>
        Unscoped.ToDictionary(c => c, c => c switch
        {
            Caller.Anonymous => HttpStatusCode.Unauthorized,
            Caller.Administrator => admin,
            Caller.Partner => HttpStatusCode.Forbidden,
            _ => staff,
        });

    private static readonly Dictionary<Caller, HttpStatusCode> Read = Answers(HttpStatusCode.OK, HttpStatusCode.OK);

    private static Dictionary<Caller, HttpStatusCode> Manage(HttpStatusCode admin) => Answers(admin, HttpStatusCode.Forbidden);

    private static Dictionary<Caller, HttpStatusCode> Everyone(HttpStatusCode answer) => Unscoped.ToDictionary(c => c, _ => answer);

    private static string Mission(string rest) => $"/api/v1/missions/{MatrixWorld.Mission}/{rest}";

    private static string Rounds(MatrixWorld w, string rest = "") => Mission($"surveys/{w.Surveys.Survey}/rounds{rest}");

    private static string Form(string rest = "") => Mission($"forms/{SurveyWorld.FormId}{rest}");

    private const string Server = "/api/v1/openrosa/key/{token}/missions/{code}";

    private const string FieldServer = "/api/v1/openrosa/missions/{code}";

    private static string Field(string rest) => $"/api/v1/openrosa/missions/{MatrixWorld.Mission}{rest}";

    /// <summary>Field accounts: administrators and field officers hold surveys:submit; the others are told there is no such mission for them.</summary>
    private static Dictionary<Caller, HttpStatusCode> Submitters(HttpStatusCode answer) =>
        Unscoped.ToDictionary(c => c, c => c switch
        {
            Caller.Anonymous => HttpStatusCode.Unauthorized,
            Caller.Administrator or Caller.FieldOfficer => answer,
            _ => HttpStatusCode.NotFound,
        });

    private static string Phone(MatrixWorld w, string rest) => $"/api/v1/openrosa/key/{w.Surveys.Token}/missions/{MatrixWorld.Mission}{rest}";

    /// <summary>Whether the planning officer answers a case as the administrator does (both hold every survey permission).</summary>
    public static bool IsSurveyCase(Case c) => c.Pattern.StartsWith("/api/v1/missions/{code}/surveys", StringComparison.Ordinal)
                                               || c.Pattern.StartsWith("/api/v1/missions/{code}/forms", StringComparison.Ordinal)
                                               || c.Pattern.StartsWith("/api/v1/missions/{code}/app-users", StringComparison.Ordinal)
                                               || c.Pattern.StartsWith(FieldServer, StringComparison.Ordinal);

    public static IEnumerable<Case> Cases() =>
    [
        new("GET", "/api/v1/missions/{code}/surveys", (_, _) => Mission("surveys"), None, Read),
        new("POST", "/api/v1/missions/{code}/surveys", (_, _) => Mission("surveys"), (_, c) => new { name = $"Matrix survey by {c}" },
            Manage(HttpStatusCode.Created)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}", (w, _) => Mission($"surveys/{w.Surveys.Survey}"), None, Read),
        new("PUT", "/api/v1/missions/{code}/surveys/{id:guid}", (w, _) => Mission($"surveys/{w.Surveys.Survey}"), (_, _) => new { name = "Renamed" },
            Manage(HttpStatusCode.PreconditionRequired)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}/rounds", (w, _) => Rounds(w), None, Read),
        new("POST", "/api/v1/missions/{code}/surveys/{id:guid}/rounds", (w, _) => Rounds(w), (_, _) => new { name = "Matrix round" },
            Manage(HttpStatusCode.BadRequest)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}/rounds/compare", (w, _) => Rounds(w, "/compare"), None,
            Answers(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}", (w, _) => Rounds(w, $"/{Guid.NewGuid()}"), None,
            Answers(HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
        new("PUT", "/api/v1/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}", (w, _) => Rounds(w, $"/{Guid.NewGuid()}"), (_, _) => new { name = "R" },
            Manage(HttpStatusCode.NotFound)),
        new("PUT", "/api/v1/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}/populations", (w, _) => Rounds(w, $"/{Guid.NewGuid()}/populations"), None,
            Manage(HttpStatusCode.UnsupportedMediaType)),
        new("POST", "/api/v1/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}/publication", (w, _) => Rounds(w, $"/{Guid.NewGuid()}/publication"),
            (_, _) => new { published = true }, Manage(HttpStatusCode.NotFound)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}/rounds/{roundId:guid}/analysis", (w, _) => Rounds(w, $"/{Guid.NewGuid()}/analysis"), None,
            Answers(HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}/measures", (w, _) => Mission($"surveys/{w.Surveys.Survey}/measures"), None, Read),
        new("POST", "/api/v1/missions/{code}/surveys/{id:guid}/measures", (w, _) => Mission($"surveys/{w.Surveys.Survey}/measures"), (_, _) => new { slug = "" },
            Manage(HttpStatusCode.BadRequest)),
        new("GET", "/api/v1/missions/{code}/surveys/{id:guid}/measures/{measureId:guid}", (w, _) => Mission($"surveys/{w.Surveys.Survey}/measures/{Guid.NewGuid()}"), None,
            Answers(HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
        new("PUT", "/api/v1/missions/{code}/surveys/{id:guid}/measures/{measureId:guid}", (w, _) => Mission($"surveys/{w.Surveys.Survey}/measures/{Guid.NewGuid()}"),
            (_, _) => new { name = "M" }, Manage(HttpStatusCode.NotFound)),
        new("DELETE", "/api/v1/missions/{code}/surveys/{id:guid}/measures/{measureId:guid}", (w, _) => Mission($"surveys/{w.Surveys.Survey}/measures/{Guid.NewGuid()}"), None,
            Manage(HttpStatusCode.NotFound)),
        new("GET", "/api/v1/public/missions/{code}/surveys/rounds/{roundId:guid}/analysis",
            (_, _) => $"/api/v1/public/missions/{MatrixWorld.Mission}/surveys/rounds/{Guid.NewGuid()}/analysis", None, Everyone(HttpStatusCode.NotFound)),
        new("POST", "/api/v1/missions/{code}/forms", (_, _) => Mission("forms"), None, Manage(HttpStatusCode.UnsupportedMediaType)),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}", (_, _) => Form(), None, Read),
        new("POST", "/api/v1/missions/{code}/forms/{xmlFormId}/state", (_, _) => Form("/state"), (_, _) => new { state = "matrix" },
            Manage(HttpStatusCode.BadRequest)),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/versions/{version}/xform", (_, _) => Form($"/versions/{SurveyWorld.V1}/xform"), None, Read),
        new("PUT", "/api/v1/missions/{code}/forms/{xmlFormId}/media/{name}", (_, _) => Form("/media/not-in-the-form.png"), None,
            Manage(HttpStatusCode.BadRequest)),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions", (_, _) => Form("/submissions"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}", (_, _) => Form($"/submissions/{Instance}"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/attachments/{name}",
            (_, _) => Form($"/submissions/{Instance}/attachments/none.jpg"), None, Answers(HttpStatusCode.NotFound, HttpStatusCode.NotFound)),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/table", (_, _) => Form("/submissions/table"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions.csv", (_, _) => Form("/submissions.csv?for=partners"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions.hxl.csv", (_, _) => Form("/submissions.hxl.csv"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions.xlsx", (_, _) => Form("/submissions.xlsx"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions.geojson", (_, _) => Form("/submissions.geojson"), None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/review", (_, _) => Form($"/submissions/{Instance}/review"), None, Read),
        new("POST", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/review", (_, _) => Form($"/submissions/{Instance}/review"),
            (_, _) => new { state = "approved" }, Manage(HttpStatusCode.PreconditionRequired)),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/comments", (_, _) => Form($"/submissions/{Instance}/comments"), None, Read),
        new("POST", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/comments", (_, _) => Form($"/submissions/{Instance}/comments"),
            (_, c) => new { comment = $"Checked by {c}" }, Answers(HttpStatusCode.Created, HttpStatusCode.Created)),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/versions", (_, _) => Form($"/submissions/{Instance}/versions"),
            None, Read),
        new("GET", "/api/v1/missions/{code}/forms/{xmlFormId}/submissions/{instanceId}/versions/{versionInstanceId}",
            (_, _) => Form($"/submissions/{Instance}/versions/{Instance}"), None, Read),
        new("GET", "/api/v1/missions/{code}/app-users", (_, _) => Mission("app-users"), None, Manage(HttpStatusCode.OK)),
        new("POST", "/api/v1/missions/{code}/app-users", (_, _) => Mission("app-users"), (_, c) => new { name = $"Matrix phone of {c}" },
            Manage(HttpStatusCode.Created)),
        new("POST", "/api/v1/missions/{code}/app-users/{id:guid}/revocation", (_, _) => Mission($"app-users/{Guid.NewGuid()}/revocation"), None,
            Manage(HttpStatusCode.NotFound)),
        new("GET", $"{Server}/formList", (w, _) => Phone(w, "/formList"), None, Everyone(HttpStatusCode.OK)),
        new("GET", $"{Server}/forms/{{xmlFormId}}.xml", (w, _) => Phone(w, $"/forms/{SurveyWorld.FormId}.xml"), None, Everyone(HttpStatusCode.OK)),
        new("GET", $"{Server}/forms/{{xmlFormId}}/manifest", (w, _) => Phone(w, $"/forms/{SurveyWorld.FormId}/manifest"), None, Everyone(HttpStatusCode.OK)),
        new("GET", $"{Server}/forms/{{xmlFormId}}/media/{{name}}", (w, _) => Phone(w, $"/forms/{SurveyWorld.FormId}/media/logo.png"), None,
            Everyone(HttpStatusCode.NotFound)),
        new("HEAD", $"{Server}/submission", (w, _) => Phone(w, "/submission"), None, Everyone(HttpStatusCode.NoContent)),
        new("GET", $"{Server}/submission", (w, _) => Phone(w, "/submission"), None, Everyone(HttpStatusCode.NoContent)),
        new("POST", $"{Server}/submission", (w, _) => Phone(w, "/submission"), (_, _) => new { not = "multipart" }, Everyone(HttpStatusCode.BadRequest)),
        new("GET", $"{FieldServer}/formList", (_, _) => Field("/formList"), None, Submitters(HttpStatusCode.OK)),
        new("GET", $"{FieldServer}/forms/{{xmlFormId}}.xml", (_, _) => Field($"/forms/{SurveyWorld.FormId}.xml"), None, Submitters(HttpStatusCode.OK)),
        new("GET", $"{FieldServer}/forms/{{xmlFormId}}/manifest", (_, _) => Field($"/forms/{SurveyWorld.FormId}/manifest"), None,
            Submitters(HttpStatusCode.OK)),
        new("GET", $"{FieldServer}/forms/{{xmlFormId}}/media/{{name}}", (_, _) => Field($"/forms/{SurveyWorld.FormId}/media/logo.png"), None,
            Submitters(HttpStatusCode.NotFound)),
        new("HEAD", $"{FieldServer}/submission", (_, _) => Field("/submission"), None, Submitters(HttpStatusCode.NoContent)),
        new("GET", $"{FieldServer}/submission", (_, _) => Field("/submission"), None, Submitters(HttpStatusCode.NoContent)),
        new("POST", $"{FieldServer}/submission", (_, _) => Field("/submission"), (_, _) => new { not = "multipart" },
            Submitters(HttpStatusCode.BadRequest)),
    ];
}
