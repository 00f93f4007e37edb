using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Amani.Platform.Problems;

/// <summary>
/// Every non-2xx answer is RFC 9457 problem details: exceptions, status codes without a body (unknown route,
/// wrong method) and validation failures all come out as <c>application/problem+json</c> with a stable type and a
/// trace id.
/// </summary>
public static class ProblemsSetup
{
    public static IServiceCollection AddAmaniProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => JsonSetup.Configure(options.SerializerOptions));
        return services;
    }

    public static WebApplication UseAmaniProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/problems/{slug}", ProblemPages.Render).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var known = ProblemType.All.FirstOrDefault(t => t.Type == problem.Type);
        if (known is null)
        {
            known = problem is HttpValidationProblemDetails ? ProblemType.Validation : ProblemType.ForStatus(status);
            problem.Type = known.Type;
            problem.Title = known.Title;
        }
        if (problem is HttpValidationProblemDetails validation)
        {
            // Name fields as they are spelled in the JSON body.
            var errors = validation.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value);
            validation.Errors.Clear();
            foreach (var (field, messages) in errors)
                validation.Errors[field] = messages;
            if (string.IsNullOrEmpty(problem.Detail))
                problem.Detail = "Correct these fields: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }
        if (status == StatusCodes.Status413PayloadTooLarge)
            problem.Detail ??= RequestLimits.TooLargeMessage(context.HttpContext);
        if (status == StatusCodes.Status415UnsupportedMediaType)
            problem.Detail ??= ProblemExceptionHandler.DescribeContentType(context.HttpContext);
        problem.Detail ??= known.Explanation;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }
}
