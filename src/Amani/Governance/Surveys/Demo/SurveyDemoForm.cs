using Amani.Governance.Surveys.Forms.Samples;
using MiniExcelLibs;

namespace Amani.Governance.Surveys.Demo;

/// <summary>
/// An admin area offered as a choice: its P-code (the choice's name), its name, for a sub-prefecture its prefecture's
/// P-code, and its centroid (where the demo's interviews are placed).
/// </summary>
public sealed record DemoPlace(string Pcode, string Name, string? Prefecture = null, double? Latitude = null, double? Longitude = null);

/// <summary>
/// The demo's perception form: the sample XLSForm (<see cref="SampleForms.CommunitySafety"/>) with the mission's own
/// places — its prefecture question offers the prefectures' P-codes (so that a round can take it as its stratum) and its
/// sub-prefecture question the sub-prefectures' P-codes, filtered by prefecture — and one more question, the enumeration
/// area (the cluster of the sampling design). Built as an XLSForm and imported through the normal form import.
/// </summary>
public static class SurveyDemoForm
{
    public const string FormId = "minusca_safety_perception_demo";
    public const string Version = "2021090101";
    public const string Title = "Perception of safety — demo (invented respondents)";
    public const string TitleFr = "Perception de la sécurité — démo (répondants inventés)";
    public const string FileName = "minusca-safety-perception-demo.xlsx";

    /// <summary>The paths (below the instance root) the demo's rounds and measure use.</summary>
    public const string Stratum = "respondent/prefecture", SubPrefecture = "respondent/subprefecture", Cluster = "respondent/cluster",
        Sex = "respondent/sex", Age = "respondent/age", Consent = "consent", SafeNight = "safety/safe_night";

    private static readonly string?[] ClusterRow =
    [
        "text", "cluster", "Enumeration area (cluster) code", "Code de la zone de dénombrement (grappe)",
        "As written on the sampling list, e.g. CF.AC-03.", "Tel qu'écrit sur la liste d'échantillonnage, p. ex. CF.AC-03.", "yes",
    ];

    /// <summary>The XLSForm as .xlsx bytes, offering the places given.</summary>
    public static byte[] Build(IReadOnlyList<DemoPlace> prefectures, IReadOnlyList<DemoPlace> subPrefectures)
    {
        var survey = new List<string?[]>();
        foreach (var row in SampleForms.Survey)
        {
            survey.Add(row);
            if (row.Length > 1 && row[1] == "subprefecture")
                survey.Add(ClusterRow);
        }
        var choices = SampleForms.Choices.Where(c => c[0] is not ("prefecture" or "subprefecture")).ToList();
        choices.AddRange(prefectures.Select(p => new[] { "prefecture", p.Pcode, p.Name, p.Name }));
        choices.AddRange(subPrefectures.Select(p => new[] { "subprefecture", p.Pcode, p.Name, p.Name, p.Prefecture }));
        var sheets = new Dictionary<string, object>
        {
            ["survey"] = SampleForms.Rows(SampleForms.SurveyHeader, survey.ToArray()),
            ["choices"] = SampleForms.Rows(SampleForms.ChoicesHeader, choices.ToArray()),
            ["settings"] = SampleForms.Rows(["form_title", "form_id", "version", "default_language"], [[Title, FormId, Version, "English (en)"]]),
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        return buffer.ToArray();
    }
}
