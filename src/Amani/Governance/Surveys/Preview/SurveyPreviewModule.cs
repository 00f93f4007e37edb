using Amani.Platform.Modules;

namespace Amani.Governance.Surveys.Preview;

/// <summary>
/// Registers the survey form preview: a staff page that renders an uploaded XForm with the browser's XForm engine
/// (ODK Web Forms) and shows what a submission would carry, and the check of an XForm behind it over HTTP. Nothing is
/// stored. The page is found by Razor (<c>Pages/Preview</c>); see docs/governance/surveys-web-forms.md.
/// </summary>
public sealed class SurveyPreviewModule : IAmaniModule
{
    public void MapApi(RouteGroupBuilder api) => api.MapSurveyPreviewApi();
}
