namespace Amani.Platform.Data;

/// <summary>The outcome of an operation that can fail in an expected way (a rule the input breaks), as a value.</summary>
public sealed record Result<T>(T? Value, string? Field, string? Error)
{
    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null, null);

    public static Result<T> Invalid(string field, string error) => new(default, field, error);
}
