using Npgsql;
using NpgsqlTypes;

namespace Amani.Platform.Data;

/// <summary>Binary COPY helpers shared by the bulk writers (report intake, imports): a value, or NULL when there is none.</summary>
internal static class PostgresCopy
{
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : class =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
