using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Platform.Problems;

/// <summary>Builds RFC 9457 problem responses of a known <see cref="ProblemType"/>; the trace id is added centrally.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(ProblemType type, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: type.Status, title: type.Title, type: type.Type, extensions: extensions);

    public static ProblemHttpResult NotFound(string what) => Of(ProblemType.NotFound, $"{what} was not found.");

    public static ProblemHttpResult Conflict(string detail) => Of(ProblemType.Conflict, detail);

    public static ProblemHttpResult Forbidden(string detail) => Of(ProblemType.Forbidden, detail);

    /// <summary>A validation problem for a rule the shape checks cannot express (e.g. "the parent area is unknown").</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            detail: $"The field '{field}' is invalid: {message}", title: ProblemType.Validation.Title, type: ProblemType.Validation.Type);

    /// <summary>
    /// The problem of an expected refusal (<see cref="Refusal"/>): 400 with the field listed, 403, 412 or 409 — the one
    /// place where a record operation's refusal becomes HTTP.
    /// </summary>
    public static ProblemHttpResult Of(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => Of(ProblemType.Validation, $"The field '{refusal.Field}' is invalid: {refusal.Message}",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [refusal.Field ?? ""] = [refusal.Message] } }),
        RefusalKind.NotAllowed => Of(ProblemType.Forbidden, refusal.Message, refusal.Details?.ToDictionary()),
        RefusalKind.Stale => Of(ProblemType.PreconditionFailed, refusal.Message, refusal.Details?.ToDictionary()),
        RefusalKind.Conflict => Of(ProblemType.Conflict, refusal.Message, refusal.Details?.ToDictionary()),
        RefusalKind.NotFound => Of(ProblemType.NotFound, refusal.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "An unknown kind of refusal."),
    };

    /// <summary>Writes a problem directly to the response (for middleware and authentication handlers).</summary>
    public static async Task WriteAsync(HttpContext context, ProblemType type, string detail)
    {
        context.Response.StatusCode = type.Status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = type.Status, Title = type.Title, Type = type.Type, Detail = detail },
        });
    }
}
