using System.Text;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Governance.Surveys.Preview;

/// <summary>
/// <c>POST /api/v1/missions/{code}/surveys/preview</c>: checks an XForm (the request body, <c>application/xml</c> or
/// <c>text/xml</c>) as the preview page does and answers its title, form id, version and languages, or a validation
/// problem (field <c>form</c>) that says what is wrong. Nothing is stored. Gated on <c>surveys:manage</c>, like the
/// forms it previews.
/// </summary>
public static class SurveyPreviewApi
{
    /// <summary>The permission of the preview, by its scope (see the class summary).</summary>
    public const string PermissionScope = "surveys:manage";

    public static RouteGroupBuilder MapSurveyPreviewApi(this RouteGroupBuilder api)
    {
        // The body's type is checked in the handler, after the permission (a route constraint on it would answer 415 first).
        api.MapPost("/missions/{code}/surveys/preview", Check).WithTags("Surveys").WithName("PreviewSurveyForm")
            .RequirePermission(Permission.Named(PermissionScope));
        return api;
    }

    private static async Task<Results<Ok<XFormSummary>, ValidationProblem, ProblemHttpResult>> Check(HttpRequest request, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("application/xml" or "text/xml"))
            return Problem.Of(ProblemType.UnsupportedMediaType, "Send the XForm as the request body with Content-Type: application/xml (or text/xml).");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var chunk = new char[16_384];
        int count;
        while (text.Length <= XFormCheck.MaxCharacters && (count = await reader.ReadAsync(chunk, cancellationToken)) > 0)
            text.Append(chunk, 0, count);
        var result = XFormCheck.Check(text.ToString());
        return result.Form is { } form ? TypedResults.Ok(form) : Problem.Invalid("form", result.Problem!);
    }
}
