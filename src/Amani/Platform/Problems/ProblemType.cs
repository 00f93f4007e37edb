namespace Amani.Platform.Problems;

/// <summary>
/// A stable kind of error. Its <see cref="Type"/> URI (<c>/problems/{slug}</c>) is what clients compare; the page at
/// that address explains it.
/// </summary>
public sealed record ProblemType(string Slug, int Status, string Title, string Explanation)
{
    public string Type => $"/problems/{Slug}";

    public static readonly ProblemType Validation = new("validation", 400, "The request has invalid fields",
        "One or more fields are missing, too long or out of range. The errors member lists each field and what is wrong with it.");
    public static readonly ProblemType MalformedRequest = new("malformed-request", 400, "The request body could not be read",
        "The body is not valid JSON, or a value has the wrong type or an unknown name. The detail names the place in the body.");
    public static readonly ProblemType UnknownHost = new("unknown-host", 400, "This server does not answer for that host name",
        "The request's Host header names a host this server is not configured for. Use the address the mission published; an administrator can allow more names with AMANI_ALLOWED_HOSTS.");
    public static readonly ProblemType Unauthenticated = new("unauthenticated", 401, "Sign-in required",
        "Sign in, or send a personal access token as 'Authorization: Bearer <token>'.");
    public static readonly ProblemType TokenInvalid = new("token-invalid", 401, "The access token is not valid",
        "The token is unknown, expired or revoked. Create a new one with './amani tokens create' or from your account page.");
    public static readonly ProblemType BadCredentials = new("bad-credentials", 401, "Wrong e-mail or password",
        "The e-mail address or the password is wrong. After repeated failures from one address, the next try must wait a little longer each time.");
    public static readonly ProblemType Forbidden = new("forbidden", 403, "Not allowed",
        "Your roles do not allow this action. Ask an administrator for the role you need.");
    public static readonly ProblemType InsufficientScope = new("insufficient-scope", 403, "The access token lacks a scope",
        "The token used was not created with the scope this action needs. Create a token with that scope.");
    public static readonly ProblemType AccountLocked = new("account-locked", 403, "The account is locked",
        "Too many failed sign-ins, or an administrator locked the account. Wait until the time given, or ask an administrator to unlock it.");
    public static readonly ProblemType Antiforgery = new("antiforgery", 400, "Missing or invalid antiforgery token",
        "Browser sessions must send the antiforgery token from GET /api/v1/account/antiforgery in the X-CSRF-TOKEN header.");
    public static readonly ProblemType NotFound = new("not-found", 404, "Not found",
        "Nothing exists at this address, or you are not allowed to know that it exists.");
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed",
        "This address exists but does not accept this HTTP method. See /openapi/v1.json.");
    public static readonly ProblemType Conflict = new("conflict", 409, "Conflict",
        "The request conflicts with data that already exists, such as a duplicate code or e-mail address.");
    public static readonly ProblemType PreconditionFailed = new("stale-version", 412, "Someone changed this record since you loaded it",
        "The If-Match version is not the current one. Reload the record, reapply your change and send it with the new ETag.");
    public static readonly ProblemType PreconditionRequired = new("version-required", 428, "The record's version is required",
        "Send the ETag you received with the record in an If-Match header, so that a concurrent change is not overwritten.");
    public static readonly ProblemType PayloadTooLarge = new("payload-too-large", 413, "The request body is too large",
        "Send a smaller body; the limit is given in the detail.");
    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415, "Unsupported content type",
        "Send the body as 'Content-Type: application/json'.");
    public static readonly ProblemType InsufficientHistory = new("insufficient-history", 422, "Too little history to forecast",
        "A forecast needs enough past months of data for the place asked about (the detail says how many there are and how many are needed). Import or record more data, or ask about another place.");
    public static readonly ProblemType RangeNotSatisfiable = new("range-not-satisfiable", 416, "The requested range is not in the file",
        "The Range header asks for bytes beyond the end of the file. Ask for a range inside it, or for the whole file without a Range header.");
    public static readonly ProblemType RateLimited = new("rate-limited", 429, "Too many requests",
        "Too many requests came from your address. Wait the number of seconds in the Retry-After header and try again.");
    public static readonly ProblemType ServerError = new("server-error", 500, "Something went wrong on the server",
        "The error was logged with the trace id given here. Nothing was saved. Try again, or report the trace id to the administrators.");
    public static readonly ProblemType Unavailable = new("unavailable", 503, "Service unavailable",
        "The server cannot reach its database. Try again shortly.");

    public static IReadOnlyList<ProblemType> All { get; } =
    [
        Validation, MalformedRequest, UnknownHost, Unauthenticated, TokenInvalid, BadCredentials, Forbidden, InsufficientScope, AccountLocked,
        Antiforgery, NotFound, MethodNotAllowed, Conflict, PreconditionFailed, PreconditionRequired, PayloadTooLarge, UnsupportedMediaType, RangeNotSatisfiable, RateLimited, ServerError, Unavailable,
        InsufficientHistory,
    ];

    public static ProblemType ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        428 => PreconditionRequired,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        416 => RangeNotSatisfiable,
        429 => RateLimited,
        503 => Unavailable,
        _ => ServerError,
    };
}
