using MiniExcelLibs;

namespace Amani.Governance.Surveys.Forms.Samples;

/// <summary>
/// A small, realistic XLSForm for the demo and for tests: a household's perception of safety in its community, in English
/// and French. Invented for Amani (loosely in the spirit of published perception polls; no question is copied from one).
/// <c>community-safety-perception.xlsx</c> next to this file is exactly this workbook, for opening in a spreadsheet
/// (a test checks that both convert to the same XForm).
/// </summary>
public static class SampleForms
{
    public const string CommunitySafetyFileName = "community-safety-perception.xlsx";

    internal static readonly string[] SurveyHeader =
    [
        "type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)", "hint::Français (fr)",
        "required", "relevant", "constraint", "constraint_message::English (en)", "constraint_message::Français (fr)",
        "appearance", "choice_filter", "calculation", "default",
    ];

    internal static readonly string?[][] Survey =
    [
        ["start", "start"],
        ["end", "end"],
        ["note", "about", "This form is an invented sample for Amani's demonstration, not a real survey instrument.",
            "Ce formulaire est un exemple inventé pour la démonstration d'Amani, pas un vrai questionnaire."],
        ["select_one yes_no", "consent", "Do you agree to answer a few questions about safety in your community? Your name will not be recorded.",
            "Acceptez-vous de répondre à quelques questions sur la sécurité dans votre communauté ? Votre nom ne sera pas enregistré.",
            null, null, "yes"],
        ["begin group", "respondent", "About you", "À propos de vous", null, null, null, "${consent} = 'yes'", null, null, null, "field-list"],
        ["select_one sex", "sex", "Sex of the respondent", "Sexe de la personne interrogée", null, null, "yes"],
        ["integer", "age", "Age in years", "Âge en années", null, null, "yes", null, ". >= 18 and . <= 110",
            "The respondent must be an adult (18 to 110).", "La personne doit être adulte (18 à 110 ans)."],
        ["select_one prefecture", "prefecture", "Prefecture", "Préfecture", null, null, "yes"],
        ["select_one subprefecture", "subprefecture", "Sub-prefecture", "Sous-préfecture", null, null, "yes", null, null, null, null,
            null, "prefecture = ${prefecture}"],
        ["end group"],
        ["begin group", "safety", "Safety", "Sécurité", null, null, null, "${consent} = 'yes'"],
        ["select_one safe_scale", "safe_night", "How safe do you feel walking in your neighbourhood at night?",
            "Vous sentez-vous en sécurité en marchant dans votre quartier la nuit ?", "Read the four answers aloud.",
            "Lisez les quatre réponses à voix haute.", "yes", null, null, null, null, "likert"],
        ["select_multiple threats", "threats", "Which of these worry you most?", "Lesquelles de ces menaces vous inquiètent le plus ?",
            "Several answers are possible.", "Plusieurs réponses sont possibles.", "yes", null,
            "not(selected(., 'none') and count-selected(.) > 1)", "'None' cannot be chosen with another answer.",
            "« Aucune » ne peut pas être choisie avec une autre réponse."],
        ["text", "threats_other", "Which other threat?", "Quelle autre menace ?", null, null, "yes", "selected(${threats}, 'other')"],
        ["integer", "trust_authorities", "From 0 to 10, how much do you trust the local authorities to protect you?",
            "De 0 à 10, quelle confiance faites-vous aux autorités locales pour vous protéger ?", null, null, "yes", null,
            ". >= 0 and . <= 10", "Give a number from 0 to 10.", "Donnez un nombre de 0 à 10."],
        ["date", "last_incident", "When did you last witness violence near your home?",
            "Quand avez-vous été témoin de violence près de chez vous pour la dernière fois ?", "Leave empty if never.",
            "Laissez vide si jamais.", null, null, ". <= today()", "The date cannot be in the future.", "La date ne peut pas être dans le futur."],
        ["end group"],
        ["geopoint", "location", "Location of the interview", "Lieu de l'entretien", "Wait for an accuracy under 20 m.",
            "Attendez une précision inférieure à 20 m.", null, "${consent} = 'yes'"],
        ["calculate", "feels_safe", null, null, null, null, null, null, null, null, null, null, null,
            "if(${safe_night} = 'very_safe' or ${safe_night} = 'safe', 1, 0)"],
        ["note", "thanks", "Thank you. Answers recorded for ${subprefecture}.", "Merci. Réponses enregistrées pour ${subprefecture}.",
            null, null, null, "${consent} = 'yes'"],
    ];

    internal static readonly string[] ChoicesHeader = ["list_name", "name", "label::English (en)", "label::Français (fr)", "prefecture"];

    internal static readonly string?[][] Choices =
    [
        ["yes_no", "yes", "Yes", "Oui"],
        ["yes_no", "no", "No", "Non"],
        ["sex", "female", "Female", "Femme"],
        ["sex", "male", "Male", "Homme"],
        ["prefecture", "bangui", "Bangui", "Bangui"],
        ["prefecture", "ouham", "Ouham", "Ouham"],
        ["subprefecture", "bangui_city", "Bangui (city)", "Bangui (ville)", "bangui"],
        ["subprefecture", "bossangoa", "Bossangoa", "Bossangoa", "ouham"],
        ["subprefecture", "nana_bakassa", "Nana-Bakassa", "Nana-Bakassa", "ouham"],
        ["safe_scale", "very_safe", "Very safe", "Très en sécurité"],
        ["safe_scale", "safe", "Rather safe", "Plutôt en sécurité"],
        ["safe_scale", "unsafe", "Rather unsafe", "Plutôt en insécurité"],
        ["safe_scale", "very_unsafe", "Very unsafe", "Très en insécurité"],
        ["threats", "armed_groups", "Armed groups", "Groupes armés"],
        ["threats", "theft", "Theft and burglary", "Vols et cambriolages"],
        ["threats", "sexual_violence", "Sexual violence", "Violences sexuelles"],
        ["threats", "land_disputes", "Land disputes", "Conflits fonciers"],
        ["threats", "other", "Other", "Autre"],
        ["threats", "none", "None of these", "Aucune"],
    ];

    /// <summary>The sample XLSForm as .xlsx bytes.</summary>
    public static byte[] CommunitySafety()
    {
        var sheets = new Dictionary<string, object>
        {
            ["survey"] = Rows(SurveyHeader, Survey),
            ["choices"] = Rows(ChoicesHeader, Choices),
            ["settings"] = Rows(["form_title", "form_id", "version", "default_language"],
                [["Community perception of safety (sample)", "community_safety_sample", "2025060101", "English (en)"]]),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        return buffer.ToArray();
    }

    internal static List<Dictionary<string, object?>> Rows(string[] header, string?[][] rows) =>
        rows.Select(row => header.Select((h, i) => (h, Value: i < row.Length ? row[i] : null))
            .ToDictionary(c => c.h, c => (object?)c.Value)).ToList();
}
