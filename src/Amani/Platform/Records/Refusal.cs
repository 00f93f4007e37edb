namespace Amani.Platform.Records;

/// <summary>The kinds of expected refusal every record operation can give; each maps to one problem type.</summary>
public enum RefusalKind
{
    /// <summary>A rule the input breaks (400, naming the field).</summary>
    Invalid,
    /// <summary>The caller may not do this to this record (403).</summary>
    NotAllowed,
    /// <summary>The record changed since the caller read it: the version it sent is not the current one (412).</summary>
    Stale,
    /// <summary>The record's state does not allow it now, whatever the input (409).</summary>
    Conflict,
    /// <summary>The record does not exist, or the caller may not know that it does (404: the same answer for both).</summary>
    NotFound,
}

/// <summary>
/// Why an operation on a record was refused, as a value (expected refusals are not exceptions). Mapped to problem
/// details in one place (<c>Problem.Of(Refusal)</c>).
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Message, string? Field = null)
{
    /// <summary>Extra members of the problem, e.g. <c>allowed</c>: the moves a record can make instead.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }

    public static Refusal Invalid(string field, string message) => new(RefusalKind.Invalid, message, field);

    public static Refusal NotAllowed(string message) => new(RefusalKind.NotAllowed, message);

    public static Refusal Stale(string message) => new(RefusalKind.Stale, message);

    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message);

    /// <summary>A record the caller cannot see: the same answer whether it exists or not.</summary>
    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message);
}

/// <summary>The result of an operation on a record: the record, or the <see cref="Refusal"/> that stopped it.</summary>
public sealed record Outcome<T>(T? Value, Refusal? Refusal) where T : class
{
    public bool Succeeded => Refusal is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(null, refusal);
}
