using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Problems;

/// <summary>
/// Turns exceptions into problem details. Bad requests that the framework raises (unreadable JSON, wrong content
/// type, oversized body) become 4xx with an actionable message; a unique-key race becomes 409; anything else is a bug,
/// logged as <see cref="UnhandledEvent"/> and answered with 500 and the trace id.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The event every unhandled exception is logged with; the test suite fails if it ever appears.</summary>
    public static readonly EventId UnhandledEvent = new(5000, "UnhandledException");

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client went away; there is nobody to answer
        var (type, detail) = Describe(context, exception);
        if (type == ProblemType.ServerError)
            logger.LogError(UnhandledEvent, exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        else
            logger.LogInformation("Rejected {Method} {Path}: {Problem}", context.Request.Method, context.Request.Path, type.Slug);
        context.Response.StatusCode = type.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = type.Status, Title = type.Title, Type = type.Type, Detail = detail },
        });
    }

    private static (ProblemType, string) Describe(HttpContext context, Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (ProblemType.MalformedRequest, DescribeJson(json)),
        BadHttpRequestException { StatusCode: 413 } => (ProblemType.PayloadTooLarge, RequestLimits.TooLargeMessage(context)),
        BadHttpRequestException { StatusCode: 415 } => (ProblemType.UnsupportedMediaType,
            $"The body was sent as '{context.Request.ContentType ?? "no content type"}'; send it as 'application/json'."),
        BadHttpRequestException bad => (ProblemType.ForStatus(bad.StatusCode), bad.Message),
        DbUpdateException update when IsUniqueViolation(update) => (ProblemType.Conflict,
            "Another record with the same unique value (code, name or e-mail) was saved at the same moment. Nothing was saved; reload and try again."),
        _ => (ProblemType.ServerError, ProblemType.ServerError.Explanation),
    };

    private static string DescribeJson(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at '{json.Path}'";
        var reason = json.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');
        if (reason.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
            reason = EnumTarget(json.Message) is { } names
                ? $"the value is not one of the allowed values ({string.Join(", ", names)})"
                : "the value has the wrong type";
        return $"The request body could not be read{where}: {reason}" + (json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})." : ".");
    }

    /// <summary>When the value was meant for one of Amani's enums, its allowed (camelCase) names.</summary>
    private static IEnumerable<string>? EnumTarget(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"Amani(\.\w+)+");
        var type = match.Success ? typeof(ProblemExceptionHandler).Assembly.GetType(match.Value) : null;
        return type is { IsEnum: true } ? Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName) : null;
    }

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
