using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>
/// A realistic household perception survey, written as an .xlsx in the test, converted; the XForm's structure checked
/// with XPath against what pyxform writes (binds, itext, itemsets, repeat template, instanceID, defaults, references).
/// </summary>
public sealed class XlsFormConverterTests
{
    private static readonly string[] SurveyHeader =
    [
        "type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)", "hint::Français (fr)", "required",
        "relevant", "constraint", "constraint_message::English (en)", "constraint_message::Français (fr)", "appearance",
        "default", "choice_filter", "calculation", "media::image::English (en)",
    ];

    internal static XlsForm PerceptionSurvey() => new XlsForm()
        .Survey(SurveyHeader,
            ["start", "start"],
            ["end", "end"],
            ["today", "today"],
            ["deviceid", "deviceid"],
            ["note", "intro", "Introduce yourself and the survey.", "Présentez-vous et présentez l'enquête.", null, null, null,
                null, null, null, null, null, null, null, null, "logo.png"],
            ["select_one yes_no", "consent", "Do you agree to take part?", "Acceptez-vous de participer ?", null, null, "yes"],
            ["begin group", "respondent", "Respondent", "Personne interrogée", null, null, null, "${consent} = 'yes'", null, null,
                null, "field-list"],
            ["select_one sex", "sex", "Sex", "Sexe", null, null, "yes"],
            ["integer", "age", "Age", "Âge", "In completed years", "En années révolues", "yes", null, ". >= 18 and . <= 110",
                "Age must be between 18 and 110", "L'âge doit être entre 18 et 110"],
            ["integer", "household_size", "People in the household", "Personnes dans le ménage", null, null, "yes", null, ". > 0",
                null, null, null, 1],
            ["date", "interview_date", "Date of the interview", "Date de l'entretien", null, null, null, null, null, null, null,
                null, "today()"],
            ["end group"],
            ["select_one prefecture", "prefecture", "Prefecture", "Préfecture", null, null, "yes"],
            ["select_one subprefecture", "subprefecture", "Sub-prefecture", "Sous-préfecture", null, null, "yes", null, null, null,
                null, "minimal", null, "prefecture = ${prefecture}"],
            ["select_one safety", "feel_safe_night", "How safe do you feel walking at night?", "Vous sentez-vous en sécurité la nuit ?",
                "Read the answers aloud", "Lisez les réponses à voix haute", "yes", null, null, null, null, "likert"],
            ["select_multiple threats", "threats", "Which threats worry you most?", "Quelles menaces vous inquiètent le plus ?",
                null, null, null, "${feel_safe_night} = 'unsafe' or ${feel_safe_night} = 'very_unsafe'",
                "not(selected(., 'none') and count-selected(.) > 1)", "'None' excludes the others", "« Aucune » exclut les autres"],
            ["text", "threats_other", "Which other threat?", "Quelle autre menace ?", null, null, "yes", "selected(${threats}, 'other')"],
            ["decimal", "trust_score", "Trust in local authorities (0–10)", "Confiance dans les autorités locales (0–10)", null,
                null, null, null, ". >= 0 and . <= 10"],
            ["datetime", "last_incident", "When did you last witness violence?", "Quand avez-vous vu des violences pour la dernière fois ?"],
            ["geopoint", "location", "Location of the interview", "Lieu de l'entretien"],
            ["image", "photo", "Photo of the place (no people)", "Photo du lieu (sans personne)"],
            ["begin repeat", "member", "Household members", "Membres du ménage"],
            ["text", "member_name", "First name", "Prénom", null, null, "yes"],
            ["integer", "member_age", "Age of ${member_name}", "Âge de ${member_name}", null, null, "yes", null,
                ". >= 0 and . < 120"],
            ["select_one yes_no", "member_school", "Does ${member_name} go to school?", "${member_name} va-t-il à l'école ?", null,
                null, null, "${member_age} >= 6 and ${member_age} < 18 and ${consent} = 'yes'"],
            ["end repeat"],
            ["calculate", "member_count", null, null, null, null, null, null, null, null, null, null, null, null,
                "count(${member})"],
            ["calculate", "feels_safe", null, null, null, null, null, null, null, null, null, null, null, null,
                "if(${feel_safe_night} = 'safe' or ${feel_safe_night} = 'very_safe', 1, 0)"],
            ["note", "thanks", "Thank you: ${member_count} members recorded.", "Merci : ${member_count} membres enregistrés."])
        .Choices(["list_name", "name", "label::English (en)", "label::Français (fr)", "prefecture"],
            ["yes_no", "yes", "Yes", "Oui"],
            ["yes_no", "no", "No", "Non"],
            ["sex", "female", "Female", "Femme"],
            ["sex", "male", "Male", "Homme"],
            ["prefecture", "bangui", "Bangui", "Bangui"],
            ["prefecture", "ouham", "Ouham", "Ouham"],
            ["subprefecture", "bimbo", "Bimbo", "Bimbo", "bangui"],
            ["subprefecture", "bossangoa", "Bossangoa", "Bossangoa", "ouham"],
            ["subprefecture", "nana_bakassa", "Nana-Bakassa", "Nana-Bakassa", "ouham"],
            ["safety", "very_safe", "Very safe", "Très en sécurité"],
            ["safety", "safe", "Safe", "En sécurité"],
            ["safety", "unsafe", "Unsafe", "En insécurité"],
            ["safety", "very_unsafe", "Very unsafe", "Très en insécurité"],
            ["threats", "armed_groups", "Armed groups", "Groupes armés"],
            ["threats", "theft", "Theft", "Vol"],
            ["threats", "none", "None", "Aucune"],
            ["threats", "other", "Other", "Autre"])
        .Settings(["form_title", "form_id", "version", "default_language"],
            "Perception of security — round 3", "perception_r3", 2025031001, "English (en)");

    [Fact]
    public void The_head_carries_the_title_and_the_primary_instance_its_id_version_and_meta_instanceID()
    {
        var form = PerceptionSurvey().Compile();
        form.Has("/h:html/h:head/h:title[. = 'Perception of security — round 3']");
        form.Has("/h:html/h:head/x:model[@odk:xforms-version = '1.0.0']");
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data[@id = 'perception_r3' and @version = '2025031001']");
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:*[last()][self::x:meta]/x:instanceID");
        form.Has("/h:html/h:head/x:model/x:bind[@nodeset = '/data/meta/instanceID' and @type = 'string' and @readonly = 'true()'" +
                 " and @calculate = \"concat('uuid:', uuid())\"]");
        Assert.Equal(("perception_r3", "2025031001", "Perception of security — round 3"),
            (form.Info.FormId, form.Info.Version, form.Info.Title));
    }

    [Fact]
    public void Binds_carry_types_required_relevant_constraints_calculations_and_read_only_notes()
    {
        var form = PerceptionSurvey().Compile();
        string Bind(string path) => $"/h:html/h:head/x:model/x:bind[@nodeset = '{path}']";
        form.Has(Bind("/data/respondent/age") + "[@type = 'int' and @required = 'true()' and @constraint = '. >= 18 and . <= 110'" +
                 " and @jr:constraintMsg = \"jr:itext('/data/respondent/age:jr:constraintMsg')\"]");
        form.Has(Bind("/data/respondent") + "[@relevant = \" /data/consent  = 'yes'\" and not(@type)]");
        form.Has(Bind("/data/trust_score") + "[@type = 'decimal']");
        form.Has(Bind("/data/respondent/interview_date") + "[@type = 'date']");
        form.Has(Bind("/data/last_incident") + "[@type = 'dateTime']");
        form.Has(Bind("/data/location") + "[@type = 'geopoint']");
        form.Has(Bind("/data/photo") + "[@type = 'binary']");
        form.Has(Bind("/data/threats") + "[@type = 'string' and @constraint = \"not(selected(., 'none') and count-selected(.) > 1)\"" +
                 " and @relevant = \" /data/feel_safe_night  = 'unsafe' or  /data/feel_safe_night  = 'very_unsafe'\"]");
        form.Has(Bind("/data/threats_other") + "[@relevant = \"selected( /data/threats , 'other')\" and @required = 'true()']");
        form.Has(Bind("/data/intro") + "[@type = 'string' and @readonly = 'true()']");
        form.Has(Bind("/data/member_count") + "[@calculate = 'count( /data/member )']");
        form.Has(Bind("/data/feels_safe") + "[@calculate = \"if( /data/feel_safe_night  = 'safe' or  /data/feel_safe_night  = 'very_safe', 1, 0)\"]");
        form.Has(Bind("/data/start") + "[@type = 'dateTime' and @jr:preload = 'timestamp' and @jr:preloadParams = 'start']");
        form.Has(Bind("/data/today") + "[@type = 'date' and @jr:preload = 'date' and @jr:preloadParams = 'today']");
        form.Has(Bind("/data/deviceid") + "[@jr:preload = 'property' and @jr:preloadParams = 'deviceid']");
        // A question without required has no required attribute at all.
        form.Has(Bind("/data/last_incident") + "[not(@required) and not(@relevant)]");
    }

    [Fact]
    public void The_body_has_one_control_per_question_with_its_appearance_and_none_for_calculations()
    {
        var form = PerceptionSurvey().Compile();
        form.Has("/h:html/h:body/x:input[@ref = '/data/intro']/x:label[@ref = \"jr:itext('/data/intro:label')\"]");
        form.Has("/h:html/h:body/x:group[@ref = '/data/respondent' and @appearance = 'field-list']" +
                 "/x:label[@ref = \"jr:itext('/data/respondent:label')\"]");
        form.Has("/h:html/h:body/x:group[@ref = '/data/respondent']/x:input[@ref = '/data/respondent/age']" +
                 "/x:hint[@ref = \"jr:itext('/data/respondent/age:hint')\"]");
        form.Has("/h:html/h:body/x:select1[@ref = '/data/feel_safe_night' and @appearance = 'likert']/x:itemset");
        form.Has("/h:html/h:body/x:select[@ref = '/data/threats']/x:itemset[@nodeset = \"instance('threats')/root/item\"]" +
                 "[x:value/@ref = 'name' and x:label/@ref = 'jr:itext(itextId)']");
        form.HasNot("/h:html/h:body//x:item");
        form.Has("/h:html/h:body/x:upload[@ref = '/data/photo' and @mediatype = 'image/*']");
        form.Has("/h:html/h:body/x:input[@ref = '/data/location']");
        form.HasNot("/h:html/h:body//*[@ref = '/data/member_count' or @ref = '/data/start' or @ref = '/data/deviceid']");
        Assert.Equal(19, form.Count("/h:html/h:body//*[self::x:input or self::x:select1 or self::x:select or self::x:upload]"));
    }

    [Fact]
    public void A_choice_filter_becomes_an_itemset_predicate_over_the_lists_instance()
    {
        var form = PerceptionSurvey().Compile();
        form.Has("/h:html/h:body/x:select1[@ref = '/data/subprefecture' and @appearance = 'minimal']" +
                 "/x:itemset[@nodeset = \"instance('subprefecture')/root/item[prefecture =  /data/prefecture ]\"]");
        form.Has("/h:html/h:head/x:model/x:instance[@id = 'subprefecture']/x:root/x:item" +
                 "[x:name = 'bossangoa' and x:itextId = 'subprefecture-1' and x:prefecture = 'ouham' and not(x:label)]");
        // Every list of the choices sheet has its instance, referenced or not (as pyxform).
        Assert.Equal(6, form.Count("/h:html/h:head/x:model/x:instance[@id]"));
    }

    [Fact]
    public void A_repeat_has_a_template_and_a_first_instance_and_references_inside_it_are_relative()
    {
        var form = PerceptionSurvey().Compile();
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:member[@jr:template = '']/x:member_school");
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:member[not(@jr:template)]/x:member_school");
        Assert.Equal(2, form.Count("/h:html/h:head/x:model/x:instance[1]/x:data/x:member"));
        form.Has("/h:html/h:body/x:group[@ref = '/data/member']/x:repeat[@nodeset = '/data/member']" +
                 "/x:select1[@ref = '/data/member/member_school']");
        form.Has("/h:html/h:body/x:group[@ref = '/data/member']/x:label[@ref = \"jr:itext('/data/member:label')\"]");
        // Inside the repeat, a sibling is ../name; a question outside stays absolute (as pyxform).
        form.Has("/h:html/h:head/x:model/x:bind[@nodeset = '/data/member/member_school'" +
                 " and @relevant = \" ../member_age  >= 6 and  ../member_age  < 18 and  /data/consent  = 'yes'\"]");
        form.Has("/h:html/h:head/x:model/x:itext/x:translation[@lang = 'Français (fr)']" +
                 "/x:text[@id = '/data/member/member_school:label']/x:value/x:output[@value = ' ../member_name ']");
        Assert.True(form.Field("/data/member/member_age").InRepeat);
        Assert.False(form.Field("/data/respondent/age").InRepeat);
    }

    [Fact]
    public void Defaults_are_written_into_the_instance_or_set_on_first_load_when_they_are_expressions()
    {
        var form = PerceptionSurvey().Compile();
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:respondent/x:household_size[. = '1']");
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:respondent/x:interview_date[. = '']");
        form.Has("/h:html/h:head/x:model/x:setvalue[@event = 'odk-instance-first-load'" +
                 " and @ref = '/data/respondent/interview_date' and @value = 'today()']");
    }

    [Fact]
    public void Labels_hints_messages_and_choices_are_itext_in_both_languages_English_being_the_default()
    {
        var form = PerceptionSurvey().Compile();
        const string itext = "/h:html/h:head/x:model/x:itext";
        form.Has($"{itext}/x:translation[1][@lang = 'English (en)' and @default = 'true()']");
        form.Has($"{itext}/x:translation[2][@lang = 'Français (fr)' and not(@default)]");
        form.Has($"{itext}/x:translation[@lang = 'English (en)']/x:text[@id = '/data/feel_safe_night:label']/x:value[. = 'How safe do you feel walking at night?']");
        form.Has($"{itext}/x:translation[@lang = 'Français (fr)']/x:text[@id = '/data/feel_safe_night:hint']/x:value[. = 'Lisez les réponses à voix haute']");
        form.Has($"{itext}/x:translation[@lang = 'Français (fr)']/x:text[@id = '/data/respondent/age:jr:constraintMsg']/x:value[. = \"L'âge doit être entre 18 et 110\"]");
        form.Has($"{itext}/x:translation[@lang = 'Français (fr)']/x:text[@id = 'safety-3']/x:value[. = 'Très en insécurité']");
        form.Has($"{itext}/x:translation[@lang = 'English (en)']/x:text[@id = '/data/intro:label']/x:value[@form = 'image' and . = 'jr://images/logo.png']");
        // The image given for English only is filled into French, so that both translations carry the same ids.
        form.Has($"{itext}/x:translation[@lang = 'Français (fr)']/x:text[@id = '/data/intro:label']/x:value[@form = 'image' and . = 'jr://images/logo.png']");
        Assert.Equal(form.Count($"{itext}/x:translation[1]/x:text"), form.Count($"{itext}/x:translation[2]/x:text"));
        Assert.Equal(["English (en)", "Français (fr)"], form.Info.Languages);
        Assert.Equal("English (en)", form.Info.DefaultLanguage);
        Assert.Equal(["logo.png"], form.Info.MediaFiles);
    }

    [Fact]
    public void The_form_info_lists_every_question_with_its_path_type_list_labels_and_choices()
    {
        var form = PerceptionSurvey().Compile();
        Assert.Equal(
        [
            "start", "end", "today", "deviceid", "note", "select_one", "select_one", "integer", "integer", "date", "select_one",
            "select_one", "select_one", "select_multiple", "text", "decimal", "datetime", "geopoint", "image", "text", "integer",
            "select_one", "calculate", "calculate", "note",
        ], form.Info.Fields.Select(f => f.Type));
        var threats = form.Field("/data/threats");
        Assert.Equal(("threats", "threats", false), (threats.Name, threats.ChoiceList, threats.InRepeat));
        Assert.Equal(["armed_groups", "theft", "none", "other"], threats.Choices.Select(c => c.Name));
        Assert.Equal("Groupes armés", threats.Choices[0].Labels["Français (fr)"]);
        Assert.Equal("Age of ${member_name}", form.Field("/data/member/member_age").Labels["English (en)"]);
        Assert.Equal("Âge", form.Field("/data/respondent/age").Labels["Français (fr)"]);
        Assert.Empty(form.Field("/data/feels_safe").Labels);
        Assert.DoesNotContain(form.Info.Fields, f => f.Path.Contains("/meta/", StringComparison.Ordinal) || f.Name is "member" or "respondent");
    }

    [Fact]
    public void A_form_without_a_version_gets_one_from_its_content_and_the_same_form_gets_the_same_version()
    {
        XlsForm Form(string label) => new XlsForm()
            .Survey(["type", "name", "label"], ["text", "q", label])
            .Settings(["form_id"], "versionless");
        var first = Form("Question").Compile();
        var again = Form("Question").Compile();
        var changed = Form("Another question").Compile();
        Assert.Matches("^[0-9a-f]{12}$", first.Info.Version);
        Assert.Equal(first.Info.Version, again.Info.Version);
        Assert.NotEqual(first.Info.Version, changed.Info.Version);
        first.Has($"/h:html/h:head/x:model/x:instance[1]/x:data[@version = '{first.Info.Version}']");
    }

    [Fact]
    public void A_form_in_one_language_has_plain_labels_inline_choice_labels_and_no_itext()
    {
        var form = new XlsForm()
            .Survey(["type", "name", "label", "hint", "constraint", "constraint_message"],
                ["select_one yes_no", "ok", "All right?", "Say it", null, null],
                ["integer", "n", "How many?", null, ". > 0", "More than none"])
            .Choices(["list_name", "name", "label"], ["yes_no", "yes", "Yes"], ["yes_no", "no", "No"])
            .Settings(["form_id", "form_title"], "plain", "Plain")
            .Compile();
        form.HasNot("/h:html/h:head/x:model/x:itext");
        form.Has("/h:html/h:body/x:select1[@ref = '/data/ok']/x:label[. = 'All right?']");
        form.Has("/h:html/h:body/x:select1[@ref = '/data/ok']/x:hint[. = 'Say it']");
        form.Has("/h:html/h:body/x:select1/x:itemset/x:label[@ref = 'label']");
        form.Has("/h:html/h:head/x:model/x:instance[@id = 'yes_no']/x:root/x:item[x:name = 'no' and x:label = 'No']");
        form.Has("/h:html/h:head/x:model/x:bind[@nodeset = '/data/n' and @jr:constraintMsg = 'More than none']");
        Assert.Equal(["default"], form.Info.Languages);
        Assert.Null(form.Info.DefaultLanguage);
        Assert.Equal("All right?", form.Field("/data/ok").Labels["default"]);
    }

    [Fact]
    public void Nested_repeats_get_a_template_inside_the_outer_template_and_an_instance_inside_the_outer_instance()
    {
        var form = new XlsForm()
            .Survey(["type", "name", "label", "relevant", "choice_filter"],
                ["begin repeat", "household", "Household"],
                ["text", "head", "Head of household"],
                ["select_one crops", "main_crop", "Main crop"],
                ["begin repeat", "plot", "Plot"],
                ["select_one crops", "crop", "Crop", "${head} != ''", "name != ${main_crop}"],
                ["end repeat"],
                ["end repeat"])
            .Choices(["list_name", "name", "label"], ["crops", "maize", "Maize"], ["crops", "cassava", "Cassava"])
            .Settings(["form_id"], "nested")
            .Compile();
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:household[@jr:template]/x:plot[@jr:template]/x:crop");
        form.Has("/h:html/h:head/x:model/x:instance[1]/x:data/x:household[not(@jr:template)]/x:plot[not(@jr:template)]/x:crop");
        Assert.Equal(2, form.Count("//x:plot"));
        form.Has("/h:html/h:head/x:model/x:bind[@nodeset = '/data/household/plot/crop' and @relevant = \" ../../head  != ''\"]");
        form.Has("//x:select1[@ref = '/data/household/plot/crop']" +
                 "/x:itemset[@nodeset = \"instance('crops')/root/item[name !=  current()/../../main_crop ]\"]");
    }
}
