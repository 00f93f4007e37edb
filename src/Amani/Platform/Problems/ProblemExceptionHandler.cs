using Amani.Platform.Data;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Problems;

/// <summary>
/// Turns exceptions into problem details. Bad requests that the framework raises (unreadable JSON, wrong content
/// type, missing or oversized body) become 4xx with an actionable message; a unique-key race becomes 409; anything else is a bug,
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
            logger.LogError(UnhandledEvent, exception, "Unhandled exception for {Method} {Path}", context.Request.Method, LoggedPath(context));
        else
            logger.LogInformation("Rejected {Method} {Path}: {Problem}", context.Request.Method, LoggedPath(context), type.Slug);
        context.Response.StatusCode = type.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = type.Status, Title = type.Title, Type = type.Type, Detail = detail },
        });
    }

    /// <summary>
    /// The request's path as a log may show it: a segment after <c>/key/</c> is a credential (the app-user key of the
    /// OpenRosa server's addresses, which phones cannot send in a header) and is written as <c>…</c>.
    /// </summary>
    public static string LoggedPath(HttpContext context) =>
        Regex.Replace(context.Request.Path.Value ?? "", "/key/[^/]+", "/key/…", RegexOptions.IgnoreCase);

    private static (ProblemType, string) Describe(HttpContext context, Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (ProblemType.MalformedRequest, DescribeJson(json)),
        BadHttpRequestException { StatusCode: 413 } => (ProblemType.PayloadTooLarge, RequestLimits.TooLargeMessage(context)),
        BadHttpRequestException { StatusCode: 415 } => (ProblemType.UnsupportedMediaType, DescribeContentType(context)),
        BadHttpRequestException { StatusCode: 400, InnerException: null } missing when missing.Message.Contains(" body", StringComparison.Ordinal) =>
            (ProblemType.MalformedRequest,
                "The request has no body, or its body is JSON null. Send a JSON object with the fields this action needs."),
        BadHttpRequestException bad => (ProblemType.ForStatus(bad.StatusCode), DescribeBinding(bad.Message)),
        // The form reader's answer to a multipart body that is cut short or has no valid boundary: the client's fault.
        InvalidDataException or IOException when context.Request.HasFormContentType => (ProblemType.MalformedRequest,
            "The form data could not be read (a multipart body cut short, or without its boundary). Send it again as 'multipart/form-data'."),
        DbUpdateException update when DatabaseErrors.IsUniqueViolation(update) => (ProblemType.Conflict,
            "Another record with the same unique value (code, name or e-mail) was saved at the same moment. Nothing was saved; reload and try again."),
        _ => (ProblemType.ServerError, ProblemType.ServerError.Explanation),
    };

    /// <summary>
    /// A parameter of the route or query string that could not be read, in words instead of .NET's type names
    /// (<c>Failed to bind parameter "Nullable&lt;int&gt; limit" from "abc"</c> → "The parameter 'limit' … give a whole number").
    /// </summary>
    private static string DescribeBinding(string message)
    {
        if (Regex.Match(message, "^Failed to bind parameter \"(?<type>[^\"]+) (?<name>\\w+)\" from \"(?<value>.*)\"\\.?$") is { Success: true } failed)
            return $"The parameter '{failed.Groups["name"].Value}' could not be read from '{failed.Groups["value"].Value}': give {Kind(failed.Groups["type"].Value)}.";
        if (Regex.Match(message, "^Required parameter \"(?<type>[^\"]+) (?<name>\\w+)\" was not provided") is { Success: true } missing)
            return $"The parameter '{missing.Groups["name"].Value}' is required: give {Kind(missing.Groups["type"].Value)}.";
        return Regex.Replace(message, "\\b(System|Amani|Microsoft)(\\.\\w+)+", "a value");

        static string Kind(string typeName)
        {
            var name = Regex.Replace(typeName, "^Nullable<(.*)>$|^(.*)\\?$", "$1$2");
            var type = typeof(ProblemExceptionHandler).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && (t.Name == name || t.FullName == name));
            return type is not null ? $"one of {AllowedNames(type)}"
                : name switch
                {
                    "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
                    "double" or "decimal" or "float" or "Double" or "Decimal" => "a number",
                    "Guid" => "an id (a UUID)",
                    "DateTime" or "DateTimeOffset" => "a date-time such as 2026-12-07T08:00:00Z",
                    "DateOnly" => "a date such as 2026-12-07",
                    "bool" or "Boolean" => "true or false",
                    _ => "a valid value",
                };
        }
    }

    /// <summary>The detail of a 415: what was sent and what to send instead.</summary>
    public static string DescribeContentType(HttpContext context) =>
        $"The body was sent as '{context.Request.ContentType ?? "no content type"}'; send it as 'application/json'.";

    private static string DescribeJson(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at '{json.Path}'";
        var reason = json.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');
        if (Regex.Match(reason, "^Duplicate property '([^']*)'") is { Success: true } duplicate)
            reason = $"the property '{duplicate.Groups[1].Value}' is given twice; give each property once";
        if (reason.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
            reason = TargetType(json) switch
            {
                { IsEnum: true } type => $"the value is not one of the allowed values ({AllowedNames(type)})",
                { } type => $"the value has the wrong type (expected {JsonKind(type)})",
                null => "the value has the wrong type",
            };
        return $"The request body could not be read{where}: {reason}" + (json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})." : ".");
    }

    /// <summary>
    /// The type the value was meant for. The message names either that type (an Amani type, or a framework one such as
    /// <c>System.String[]</c>) or, for a record bound through its constructor, the record; then the last segment of the
    /// path names the member.
    /// </summary>
    private static Type? TargetType(JsonException json)
    {
        var named = Regex.Match(json.Message, @"converted to (\S+)\. Path:").Groups[1].Value;
        var amani = Regex.Match(named, @"Amani(\.\w+)+");
        var type = amani.Success ? typeof(ProblemExceptionHandler).Assembly.GetType(amani.Value)
            : named.StartsWith("System.", StringComparison.Ordinal) ? Type.GetType(named, throwOnError: false) : null;
        if (type is { IsEnum: false } && json.Path?.Split('.')[^1] is { Length: > 0 } member)
            type = type.GetProperty(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType ?? type;
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>An enum's names as they are written in JSON (camelCase).</summary>
    private static string AllowedNames(Type type) => string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>What a JSON value for <paramref name="type"/> looks like, in words.</summary>
    private static string JsonKind(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "an id string",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date-time string",
        _ when Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.UInt64 => "a whole number in range",
        _ when type.IsPrimitive || type == typeof(decimal) => "a number",
        _ when type.IsArray || type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "an array",
        _ => "an object",
    };
}
