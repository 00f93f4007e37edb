using System.IO.Compression;

namespace Amani.Foundation.Users.Passwords;

/// <summary>
/// The 49,233 most common passwords of a breach corpus (see <c>README.md</c> beside this file), shipped gzipped inside
/// the assembly and read into a set once, on the first check; a check then costs a hash look-up.
/// </summary>
public static class CommonPasswords
{
    /// <summary>The embedded resource's name (set in <c>Amani.csproj</c>).</summary>
    public const string ResourceName = "Amani.Foundation.Users.Passwords.common-passwords.txt.gz";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether <paramref name="password"/>, trimmed and lower-cased (<see cref="Normalize"/>), is on the list.</summary>
    public static bool Contains(string password) => List.Value.Contains(Normalize(password));

    /// <summary>The form the list is kept in: no surrounding white space, lower case.</summary>
    public static string Normalize(string password) => password.Trim().ToLowerInvariant();

    private static HashSet<string> Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var passwords = new HashSet<string>(capacity: 50_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0)
                passwords.Add(Normalize(line));
        return passwords;
    }
}
