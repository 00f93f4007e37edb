using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>Labels, hints, messages and choices in several languages; a text missing in one language; the default language.</summary>
public sealed class MultilingualFormTests
{
    internal static XlsForm Form(string? defaultLanguage = null) => new XlsForm()
        .Survey(["type", "name", "label::English (en)", "label::Français (fr)", "label::Sängö (sg)", "hint::English (en)",
                "hint::Français (fr)", "constraint", "constraint_message::English (en)", "constraint_message::Français (fr)"],
            ["select_one trust", "trust_police", "Do you trust the police?", "Faites-vous confiance à la police ?",
                "Mo yeke na beku na ndö ti police?", "One answer", "Une réponse"],
            ["integer", "nights", "Nights away from home", "Nuits hors de chez vous", null, null, null, ". >= 0",
                "Cannot be negative", "Ne peut pas être négatif"])
        .Choices(["list_name", "name", "label::English (en)", "label::Français (fr)", "label::Sängö (sg)"],
            ["trust", "yes", "Yes", "Oui", "Ii"],
            ["trust", "no", "No", "Non", "Ên-ên"])
        .Settings(defaultLanguage is null ? ["form_id"] : ["form_id", "default_language"],
            defaultLanguage is null ? ["multilingual"] : ["multilingual", defaultLanguage]);

    [Fact]
    public void Every_language_gets_a_translation_with_the_same_text_ids()
    {
        var form = Form().Compile();
        const string itext = "/h:html/h:head/x:model/x:itext";
        Assert.Equal(["English (en)", "Français (fr)", "Sängö (sg)"], form.Info.Languages);
        Assert.Equal(3, form.Count($"{itext}/x:translation"));
        form.Has($"{itext}/x:translation[@lang = 'Sängö (sg)']/x:text[@id = '/data/trust_police:label']/x:value[. = 'Mo yeke na beku na ndö ti police?']");
        form.Has($"{itext}/x:translation[@lang = 'Sängö (sg)']/x:text[@id = 'trust-1']/x:value[. = 'Ên-ên']");
        form.Has($"{itext}/x:translation[@lang = 'Français (fr)']/x:text[@id = '/data/trust_police:hint']/x:value[. = 'Une réponse']");
        form.Has("/h:html/h:head/x:model/x:bind[@nodeset = '/data/nights' and @jr:constraintMsg = \"jr:itext('/data/nights:jr:constraintMsg')\"]");
        foreach (var language in form.Info.Languages)
            Assert.Equal(6, form.Count($"{itext}/x:translation[@lang = '{language}']/x:text"));
        Assert.Equal("Ii", form.Field("/data/trust_police").Choices[0].Labels["Sängö (sg)"]);
    }

    [Fact]
    public void Without_a_default_language_no_translation_is_marked_default()
    {
        var form = Form().Compile();
        form.HasNot("/h:html/h:head/x:model/x:itext/x:translation[@default]");
        Assert.Null(form.Info.DefaultLanguage);
    }

    [Fact]
    public void The_default_language_setting_marks_its_translation_default_and_fills_texts_missing_in_other_languages()
    {
        var form = Form("Français (fr)").Compile();
        const string itext = "/h:html/h:head/x:model/x:itext";
        form.Has($"{itext}/x:translation[1][@lang = 'Français (fr)' and @default = 'true()']");
        Assert.Equal("Français (fr)", form.Info.DefaultLanguage);
        // "nights" has no Sängö label: the default language's text stands in (not a dash, not nothing).
        form.Has($"{itext}/x:translation[@lang = 'Sängö (sg)']/x:text[@id = '/data/nights:label']/x:value[. = 'Nuits hors de chez vous']");
        Assert.Equal("Nuits hors de chez vous", form.Field("/data/nights").Labels["Sängö (sg)"]);
    }

    [Fact]
    public void A_column_without_language_belongs_to_the_default_language_when_the_settings_name_one()
    {
        var form = new XlsForm()
            .Survey(["type", "name", "label", "label::Français (fr)"], ["text", "q", "Question", "Question (fr)"])
            .Settings(["form_id", "default_language"], "unnamed", "English (en)")
            .Compile();
        Assert.Equal(["English (en)", "Français (fr)"], form.Info.Languages);
        form.Has("/h:html/h:head/x:model/x:itext/x:translation[@lang = 'English (en)' and @default = 'true()']" +
                 "/x:text[@id = '/data/q:label']/x:value[. = 'Question']");
        var withoutSetting = new XlsForm()
            .Survey(["type", "name", "label", "label::Français (fr)"], ["text", "q", "Question", "Question (fr)"])
            .Settings(["form_id"], "unnamed")
            .Compile();
        Assert.Equal(["default", "Français (fr)"], withoutSetting.Info.Languages);
    }
}
