using System.Text;

namespace Amani.Platform.Records;

/// <summary>
/// Cursor paging shared by record lists: a page size clamped to <see cref="MaxPageSize"/>, and an opaque cursor made of
/// the last row's sort time and id (keyset paging: stable while rows are added, no offset scans).
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public const string BadCursor = "The cursor is not one this server gave out; start again without it.";

    /// <summary>The page size asked for (<paramref name="limit"/>), else <paramref name="byDefault"/>, within 1 and <paramref name="max"/>.</summary>
    public static int Size(int? limit, int max = MaxPageSize, int byDefault = DefaultPageSize) => Math.Clamp(limit ?? byDefault, 1, max);

    public static string Cursor(DateTime at, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.Ticks}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParseCursor(string text, out (DateTime At, Guid Id) after)
    {
        after = default;
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || !Guid.TryParse(parts[1], out var id) || ticks < 0 || ticks > DateTime.MaxValue.Ticks)
                return false;
            after = (new DateTime(ticks, DateTimeKind.Utc), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
