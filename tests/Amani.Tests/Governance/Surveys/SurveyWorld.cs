using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// Mission ALPHA with a planning officer (who manages surveys), a field officer and an analyst (who read them), a partner
/// (who does not), the household form <see cref="XForm"/> imported by the planning officer, and an app user whose server
/// URL the phones use. Also builds instances of the form and OpenRosa posts as ODK Collect sends them.
/// </summary>
public sealed class SurveyWorld : IAsyncDisposable
{
    public const string Mission = TestMission.Code, FormId = "household_safety", V1 = "2024061201";
    public static string Api => $"/api/v1/missions/{Mission}";

    public required TestApp App { get; init; }
    public required HttpClient Planner { get; init; }
    public required HttpClient Field { get; init; }
    public required HttpClient Analyst { get; init; }
    public required HttpClient Partner { get; init; }
    public required TestUser AnalystUser { get; init; }
    /// <summary>The app user's server URL (what ODK Collect is given), its token and id.</summary>
    public required string ServerUrl { get; init; }
    public required string Token { get; init; }
    public required Guid AppUserId { get; init; }
    public required Guid SurveyId { get; init; }
    /// <summary>A client without credentials: phones carry the key in the URL.</summary>
    public HttpClient Phone { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<SurveyWorld> StartAsync(DatabaseProvider provider, Func<Amani.Platform.Hosting.AmaniSettings, Amani.Platform.Hosting.AmaniSettings>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var app = await TestApp.StartAsync(provider, configure, services);
        await TestMission.CreateAsync(app);
        var planner = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, Mission));
        var analystUser = await app.CreateUserAsync(Role.Analyst, Mission);
        var imported = await ImportAsync(planner, XForm(), "household.xml");
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var surveyId = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyId").GetGuid();
        var appUser = await CreateAppUserAsync(planner, "Enumerator team A");
        return new SurveyWorld
        {
            App = app, Planner = planner, AnalystUser = analystUser,
            Field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, Mission)),
            Analyst = await app.SignInAsync(analystUser),
            Partner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, Mission, await PartnerAsync(app))),
            ServerUrl = appUser.GetProperty("serverUrl").GetString()!, Token = appUser.GetProperty("token").GetString()!,
            AppUserId = appUser.GetProperty("id").GetGuid(), SurveyId = surveyId,
        };
    }

    private static Task<Guid> PartnerAsync(TestApp app) => app.WithScopeAsync(async s =>
        (await s.GetRequiredService<Amani.Foundation.Organizations.OrganizationRules>().CreateAsync(
            new Amani.Foundation.Organizations.CreateOrganizationRequest("Survey partner", "SP", Amani.Foundation.Organizations.OrganizationKind.Ngo, null),
            CancellationToken.None)).Value!.Id);

    public static async Task<JsonElement> CreateAppUserAsync(HttpClient manager, string name, Guid? surveyId = null)
    {
        var created = await manager.PostAsJsonAsync($"{Api}/app-users", new { name, surveyId });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, string content, string fileName, string mission = Mission)
    {
        var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xml", StringComparison.Ordinal) ? "text/xml" : "application/octet-stream");
        body.Add(file, "file", fileName);
        return client.PostAsync($"/api/v1/missions/{mission}/forms", body);
    }

    /// <summary>
    /// A household perception form written as pyxform writes XForms: a consent select_one, an integer, a geopoint, a photo,
    /// and a repeat of household members with a photo each; the logo is a media file.
    /// </summary>
    public static string XForm(string version = V1, string formId = FormId, string title = "Household safety") => $$"""
        <?xml version="1.0"?>
        <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:h="http://www.w3.org/1999/xhtml"
                xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms" xmlns:orx="http://openrosa.org/xforms"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <h:head>
            <h:title>{{title}}</h:title>
            <model odk:xforms-version="1.0.0">
              <itext>
                <translation default="true()" lang="English (en)">
                  <text id="/data/consent:label"><value>Do you agree to answer?</value><value form="image">jr://images/logo.png</value></text>
                </translation>
              </itext>
              <instance>
                <data id="{{formId}}" version="{{version}}">
                  <consent/>
                  <household_size/>
                  <location/>
                  <house_photo/>
                  <member jr:template="">
                    <member_name/>
                    <member_photo/>
                  </member>
                  <meta>
                    <instanceID/>
                  </meta>
                </data>
              </instance>
              <instance id="yes_no">
                <root><item><name>yes</name><label>Yes</label></item><item><name>no</name><label>No</label></item></root>
              </instance>
              <bind nodeset="/data/consent" type="string" required="true()"/>
              <bind nodeset="/data/household_size" type="int" relevant=" /data/consent  = 'yes'" constraint=". &gt; 0 and . &lt; 60"/>
              <bind nodeset="/data/location" type="geopoint" relevant=" /data/consent  = 'yes'"/>
              <bind nodeset="/data/house_photo" type="binary" relevant=" /data/consent  = 'yes'"/>
              <bind nodeset="/data/member/member_name" type="string"/>
              <bind nodeset="/data/member/member_photo" type="binary"/>
              <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
            </model>
          </h:head>
          <h:body>
            <select1 ref="/data/consent">
              <label ref="jr:itext('/data/consent:label')"/>
              <itemset nodeset="instance('yes_no')/root/item"><value ref="name"/><label ref="label"/></itemset>
            </select1>
            <input ref="/data/household_size"><label>How many people live in the household?</label></input>
            <input ref="/data/location"><label>Where is the household?</label></input>
            <upload mediatype="image/*" ref="/data/house_photo"><label>Photo of the house</label></upload>
            <group ref="/data/member">
              <label>Household member</label>
              <repeat nodeset="/data/member">
                <input ref="/data/member/member_name"><label>Name</label></input>
                <upload mediatype="image/*" ref="/data/member/member_photo"><label>Photo</label></upload>
              </repeat>
            </group>
          </h:body>
        </h:html>
        """;

    /// <summary>A filled instance of <see cref="XForm"/>, naming the photos given (the house's, then one member each).</summary>
    public static string Instance(string instanceId, string? housePhoto = null, IEnumerable<string>? memberPhotos = null, string version = V1,
        string formId = FormId, int size = 4) =>
        $"""
        <?xml version="1.0"?>
        <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="{formId}" version="{version}">
          <consent>yes</consent>
          <household_size>{size}</household_size>
          <location>4.3612 18.5550 370.0 5.0</location>
          <house_photo>{housePhoto}</house_photo>
          {string.Concat((memberPhotos ?? []).Select((p, i) => $"<member><member_name>Member {i + 1}</member_name><member_photo>{p}</member_photo></member>"))}
          <meta><instanceID>{instanceId}</instanceID></meta>
        </data>
        """;

    public static string NewInstanceId() => "uuid:" + Guid.NewGuid();

    /// <summary>Posts a submission as ODK Collect does: the XML in <c>xml_submission_file</c>, each attachment as a part named by its file name.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string xml, params (string Name, string Content)[] files) =>
        SubmitToAsync(ServerUrl, xml, false, files);

    public async Task<HttpResponseMessage> SubmitToAsync(string serverUrl, string xml, bool incomplete, params (string Name, string Content)[] files)
    {
        var body = new MultipartFormDataContent();
        var instance = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        instance.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        body.Add(instance, "xml_submission_file", "instance.xml");
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".jpg", StringComparison.Ordinal) ? "image/jpeg" : "application/octet-stream");
            body.Add(part, name, name);
        }
        if (incomplete)
            body.Add(new StringContent("yes"), "*isIncomplete*");
        using var request = new HttpRequestMessage(HttpMethod.Post, serverUrl + "/submission") { Content = body };
        request.Headers.Add("X-OpenRosa-Version", "1.0");
        return await Phone.SendAsync(request);
    }

    /// <summary>The message of an OpenRosa answer, after checking that it is one (XML, the OpenRosa version header).</summary>
    public static async Task<string> MessageAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("1.0", Assert.Single(response.Headers.GetValues("X-OpenRosa-Version")));
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var document = System.Xml.Linq.XDocument.Parse(text);
        Assert.Equal("{http://openrosa.org/http/response}OpenRosaResponse", document.Root!.Name.ToString());
        return document.Root.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Phone.Dispose();
        await App.DisposeAsync();
    }
}
