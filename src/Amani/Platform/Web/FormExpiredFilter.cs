using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Amani.Platform.Web;

/// <summary>
/// A page form refused for its antiforgery token (expired, or posted from another site) answers 400 with the status
/// page saying so and what to do, instead of an empty 400.
/// </summary>
public sealed class FormExpiredFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
            context.Result = PageAccess.Status(context.HttpContext, StatusCodes.Status400BadRequest);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
