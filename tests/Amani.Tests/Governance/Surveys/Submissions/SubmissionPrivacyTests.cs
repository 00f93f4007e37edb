using Amani.Governance.Surveys.Forms;
using Amani.Governance.Surveys.Submissions;
using Amani.Tests.Governance.Surveys.Forms;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Submissions;

/// <summary>
/// Which answers are personal (never in the shareable export), and the XLSForm's <c>hxl</c> and <c>personal</c> columns
/// that the compiler keeps for the exports — a value it cannot read refused with its sheet, row and column.
/// </summary>
public sealed class SubmissionPrivacyTests
{
    private static FormField Field(string name, string type = "text", string? hxl = null, bool? personal = null) =>
        new($"/data/{name}", name, type, false, null, new Dictionary<string, string>(), [], hxl, personal);

    [Theory]
    [InlineData("respondent_name", null, true)]
    [InlineData("phone_number", null, true)]
    [InlineData("contactTel", null, true)]
    [InlineData("village_name", null, true)] // errs on the side of hiding, until the author writes personal: no
    [InlineData("q7", "#respondent+name", true)]
    [InlineData("q8", "#contact+phone", true)]
    [InlineData("q9", "#contact", true)]
    [InlineData("q10", "#adm2+name", false)]
    [InlineData("comments", null, false)]
    [InlineData("nickname", null, false)] // a word of the name, not a part of a word
    public void A_text_question_is_personal_by_the_words_of_its_name_or_its_HXL_tag(string name, string? hxl, bool personal) =>
        Assert.Equal(personal, SubmissionPrivacy.IsPersonal(Field(name, hxl: hxl)));

    [Fact]
    public void The_personal_column_decides_and_device_metadata_and_only_text_questions_count_by_name()
    {
        Assert.False(SubmissionPrivacy.IsPersonal(Field("village_name", personal: false)));
        Assert.True(SubmissionPrivacy.IsPersonal(Field("age", "integer", personal: true)));
        Assert.True(SubmissionPrivacy.IsPersonal(Field("device", "deviceid")));
        Assert.False(SubmissionPrivacy.IsPersonal(Field("name_count", "integer")));
        Assert.False(SubmissionPrivacy.IsPersonal(Field("contact_mode", "select_one")));
    }

    [Fact]
    public void The_compiler_keeps_the_hxl_and_personal_columns_in_what_it_read()
    {
        var info = new XlsForm().Survey(["type", "name", "label", "hxl", "personal"],
                ["text", "respondent_name", "Name", "#respondent+name", null],
                ["text", "village_name", "Village", "#loc+name", "no"],
                ["integer", "age", "Age", null, "yes"])
            .Settings(["form_id"], "privacy").Compile().Info;
        Assert.Equal([("#respondent+name", null), ("#loc+name", false), (null, true)],
            info.Fields.Where(f => f.Name != "instanceID").Select(f => (f.Hxl, f.Personal)));
    }

    [Fact]
    public void An_hxl_value_that_is_not_a_hashtag_and_a_personal_value_that_is_not_yes_or_no_are_refused_where_they_are()
    {
        var result = new XlsForm().Survey(["type", "name", "label", "hxl", "personal"],
                ["text", "a", "A", "respondent name", null],
                ["text", "b", "B", null, "maybe"])
            .Settings(["form_id"], "privacy").Convert();
        Assert.False(result.Ok);
        Assert.Equal([("survey", 2, "hxl"), ("survey", 3, "personal")], result.Problems.Select(p => (p.Sheet, p.Row ?? 0, p.Column ?? "")));
        Assert.Contains("not an HXL hashtag", result.Problems[0].Message);
        Assert.Contains("not yes or no", result.Problems[1].Message);
    }
}
