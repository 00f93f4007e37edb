using System.Net;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys.Submissions;

/// <summary>
/// The submissions pages without script: the table with its export links and its repeat counts, the submission with its
/// answers labelled in the page's language, its files, and the review and comment forms posted as a browser posts them.
/// </summary>
public sealed class SubmissionPagesTests
{
    private const string Id = "uuid:page-1";
    private static readonly string List = $"/missions/{Mission}/surveys/forms/{FormId}/submissions";
    private static readonly string One = $"{List}/{Uri.EscapeDataString(Id)}";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_table_links_each_submission_whose_page_shows_its_answers_and_takes_a_review_and_a_comment(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(Instance(Id, "house.jpg", ["m1.jpg"]), ("house.jpg", "h"), ("m1.jpg", "m"))).StatusCode);

        var table = await world.Field.GetStringAsync(List);
        Assert.Contains($"href=\"submissions/{Uri.EscapeDataString(Id)}\"", table);
        Assert.Contains($"{Api}/forms/{FormId}/submissions.csv?for=partners", table);
        Assert.Contains($"href=\"submissions/{Uri.EscapeDataString(Id)}#repeats\">1</a>", table);
        Assert.Contains("data-url=\"" + $"{Api}/forms/{FormId}/submissions.geojson", table);
        Assert.Contains("Soumissions", await world.Field.GetStringAsync(List + "?culture=fr"));

        var page = await world.Field.GetStringAsync(One);
        Assert.Contains("<dt>Do you agree to answer?</dt>", page);
        Assert.Contains("<dd>Yes</dd>", page);
        Assert.Contains("<dd>Member 1</dd>", page);
        Assert.Contains($"{Api}/forms/{FormId}/submissions/{Uri.EscapeDataString(Id)}/attachments/house.jpg", page);
        Assert.DoesNotContain("data-testid=\"review-form\"", page); // a field officer comments, managers review

        var comment = await world.Field.PostAsync(One + "?handler=Comment", new FormUrlEncodedContent([new("comment", "Photo is blurred.")]));
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        Assert.Contains("Photo is blurred.", await world.Field.GetStringAsync(One));

        var noComment = await world.Planner.PostAsync(One + "?handler=Review", new FormUrlEncodedContent([new("state", "rejected"), new("version", "1")]));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("comment is required", await noComment.Content.ReadAsStringAsync());
        var review = await world.Planner.PostAsync(One + "?handler=Review", new FormUrlEncodedContent([new("state", "approved"), new("version", "1")]));
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.Contains("data-testid=\"review-state\">Approved", await world.Planner.GetStringAsync(One));
        var stale = await world.Planner.PostAsync(One + "?handler=Review", new FormUrlEncodedContent([new("state", "hasIssues"), new("comment", "x"), new("version", "1")]));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var forbidden = await world.Field.PostAsync(One + "?handler=Review", new FormUrlEncodedContent([new("state", "rejected"), new("comment", "x"), new("version", "2")]));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Field.GetAsync($"{List}/uuid%3Anope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Partner.GetAsync(List)).StatusCode); // pages answer 404 to a role without the mission's permission
    }
}
