using System.Net;
using System.Net.Http.Headers;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Amani.Tests.Governance.Surveys.Forms;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// A form gated by a consent question (XLSForm setting <c>consent</c>): a submission whose consent answer is not 'yes' is
/// stored with its meta and that answer only — its other answers and attachments dropped before storing, the drop audited
/// by count — while a consented one is stored whole.
/// </summary>
public sealed class ConsentIntakeTests
{
    private static async Task ImportGatedFormAsync(SurveyWorld world)
    {
        var workbook = new XlsForm()
            .Survey(["type", "name", "label"],
                ["select_one yes_no", "consent", "Do you agree to answer?"],
                ["text", "respondent", "Your name"],
                ["integer", "age", "Age"],
                ["image", "photo", "Photo"])
            .Choices(["list_name", "name", "label"], ["yes_no", "yes", "Yes"], ["yes_no", "no", "No"])
            .Settings(["form_id", "version", "consent"], "gated", "1", "consent");
        var file = new ByteArrayContent(workbook.Stream().ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var imported = await world.Planner.PostAsync($"{Api}/forms", new MultipartFormDataContent { { file, "file", "gated.xlsx" } });
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
    }

    private static string Answer(string instanceId, string consent) => $"""
        <?xml version="1.0"?>
        <data id="gated" version="1"><consent>{consent}</consent><respondent>Amina Yusuf</respondent><age>34</age><photo>face.jpg</photo><meta><instanceID>{instanceId}</instanceID></meta></data>
        """;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_consent_only_the_meta_and_the_consent_answer_are_stored_and_the_drop_is_audited_by_count(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await ImportGatedFormAsync(world);
        var (refused, agreed) = (NewInstanceId(), NewInstanceId());
        await MessageAsync(await world.SubmitAsync(Answer(refused, "no"), ("face.jpg", "a face")), HttpStatusCode.Created);
        await MessageAsync(await world.SubmitAsync(Answer(agreed, "yes"), ("face.jpg", "a face")), HttpStatusCode.Created);

        var stored = await world.App.WithDbAsync(db => db.Set<Submission>().Include(s => s.Attachments).ToDictionaryAsync(s => s.InstanceId));
        var withheld = stored[refused];
        Assert.Contains("<consent>no</consent>", withheld.Xml);
        Assert.Contains($"<instanceID>{refused}</instanceID>", withheld.Xml);
        Assert.DoesNotContain("Amina", withheld.Xml);
        Assert.DoesNotContain("<age>", withheld.Xml);
        Assert.DoesNotContain("face.jpg", withheld.Xml);
        Assert.Empty(withheld.Attachments);
        Assert.True(withheld.Complete);
        var audit = await world.App.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.ActionCode == 4311));
        Assert.Equal(withheld.Id.ToString(), audit.EntityId);
        Assert.Contains("3 answer(s)", audit.Summary);
        Assert.DoesNotContain("Amina", audit.Summary);

        Assert.Contains("Amina Yusuf", stored[agreed].Xml);
        Assert.Equal("face.jpg", Assert.Single(stored[agreed].Attachments).Name);
        // The same refused answer sent again is a duplicate (the stored XML is what the gate made of it).
        await MessageAsync(await world.SubmitAsync(Answer(refused, "no")), HttpStatusCode.Accepted);
    }
}
