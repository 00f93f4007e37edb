using Amani.Governance.Surveys.Forms;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>
/// The settings column <c>consent</c>: every question and group after the consent select_one is relevant only when it is
/// 'yes' (AND-ed with its own relevant), metadata and what precedes it are not gated, the form's info records the
/// consent path; a consent column naming a missing question or one that is not a select_one offering 'yes' is refused.
/// </summary>
public sealed class XlsConsentTests
{
    private static readonly string[] Header = ["type", "name", "label", "relevant"];
    private static readonly string[] ChoiceHeader = ["list_name", "name", "label"];

    private static XlsForm Form(string consent, string consentType = "select_one yes_no") => new XlsForm()
        .Survey(Header,
            ["start", "start", null, null],
            ["text", "enumerator", "Enumerator", null],
            [consentType, "consent", "Do you agree to answer?", null],
            ["integer", "age", "Age", null],
            ["text", "name", "Name", "${age} > 17"],
            ["begin group", "safety", "Safety", null],
            ["select_one yes_no", "safe", "Do you feel safe?", null],
            ["end group", null, null, null])
        .Choices(ChoiceHeader, ["yes_no", "yes", "Yes"], ["yes_no", "no", "No"])
        .Settings(["form_id", "consent"], "gated", consent);

    private static string Bind(string path) => $"/h:html/h:head/x:model/x:bind[@nodeset = '{path}']";

    [Fact]
    public void Every_question_after_the_consent_question_is_relevant_only_when_it_is_yes()
    {
        var form = Form("consent").Compile();
        const string gate = "/data/consent = 'yes'";
        form.Has(Bind("/data/age") + $"[@relevant = \"{gate}\"]");
        form.Has(Bind("/data/name") + $"[@relevant = \"( /data/age  > 17) and {gate}\"]");
        form.Has(Bind("/data/safety") + $"[@relevant = \"{gate}\"]");
        form.HasNot(Bind("/data/enumerator") + "[@relevant]");
        form.HasNot(Bind("/data/consent") + "[@relevant]");
        form.HasNot(Bind("/data/start") + "[@relevant]");
        Assert.Equal("/data/consent", form.Info.ConsentPath);
        Assert.Null(Form("consent").Settings(["form_id"], "ungated").Compile().Info.ConsentPath);
    }

    [Theory]
    [InlineData("agreement", "select_one yes_no", "does not exist")]
    [InlineData("consent", "text", "is a text")]
    [InlineData("consent", "select_one other", "offers no choice 'yes'")]
    public void A_consent_column_naming_a_missing_or_unfit_question_is_refused_at_its_cell(string consent, string type, string expected)
    {
        var form = Form(consent, type);
        if (type.EndsWith("other", StringComparison.Ordinal))
            form.Choices(ChoiceHeader, ["yes_no", "yes", "Yes"], ["yes_no", "no", "No"], ["other", "agree", "I agree"], ["other", "no", "No"]);
        var result = form.Convert();
        Assert.False(result.Ok);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("settings", 2, "consent"), (problem.Sheet, problem.Row, problem.Column));
        Assert.Contains(expected, problem.Message);
    }
}
