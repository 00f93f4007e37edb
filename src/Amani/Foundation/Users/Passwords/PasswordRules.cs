using System.Text.RegularExpressions;

namespace Amani.Foundation.Users.Passwords;

/// <summary>
/// What makes a long-enough password guessable anyway (NIST SP 800-63B, 3.1.1.2): being on the list of common and
/// breached passwords, alone or with digits and symbols around it (<c>password1234</c>, <c>!!monkey2024</c>); holding
/// the account's own name or e-mail name, or the platform's. The length rule is Identity's (<see cref="UserIdentity"/>).
/// Messages never repeat the password.
/// </summary>
public static partial class PasswordRules
{
    /// <summary>Why a password is refused: a stable code (Identity's error code) and what the person should do.</summary>
    public sealed record Refusal(string Code, string Message);

    private const string Advice = "choose another — a passphrase of several unrelated words works well.";

    public static Refusal Common { get; } = new("PasswordCommon",
        "This password is on a list of common or breached passwords (adding digits or symbols to one does not help); " + Advice);

    public static Refusal ContainsName { get; } = new("PasswordContainsName",
        "This password contains the user's name or the name in their e-mail address, which others guess first; " + Advice);

    public static Refusal ContainsPlatformName { get; } = new("PasswordContainsPlatformName",
        "This password contains the platform's name, Amani, which others guess first; " + Advice);

    /// <summary>Names shorter than this are not looked for inside passwords (too many innocent passwords hold "anna").</summary>
    public const int MinNameLength = 4;

    /// <summary>The refusal for <paramref name="password"/> of the account named by <paramref name="email"/> and <paramref name="displayName"/>, or null.</summary>
    public static Refusal? Check(string password, string? email, string? displayName)
    {
        if (IsCommon(password))
            return Common;
        var letters = LettersAndDigits(password);
        if (NamesOf(email, displayName).Any(name => letters.Contains(name, StringComparison.Ordinal)))
            return ContainsName;
        return letters.Contains("amani", StringComparison.Ordinal) ? ContainsPlatformName : null;
    }

    /// <summary>
    /// Whether the password is listed as it is, or once the digits and symbols before and after it are taken off
    /// (<c>password1234</c> is <c>password</c>; <c>123456!!!!!!</c> is <c>123456</c>).
    /// </summary>
    public static bool IsCommon(string password)
    {
        var normalized = CommonPasswords.Normalize(password);
        return CommonPasswords.Contains(normalized)
            || Listed(Strip(normalized, char.IsLetter))
            || Listed(Strip(normalized, char.IsLetterOrDigit));

        static bool Listed(string core) => core.Length > 0 && CommonPasswords.Contains(core);
    }

    /// <summary>
    /// The names a password must not hold: the e-mail's local part and the display name (the part before an @ when it
    /// is an address), each whole and word by word, in lower-case letters and digits, of <see cref="MinNameLength"/>
    /// characters or more.
    /// </summary>
    public static IEnumerable<string> NamesOf(string? email, string? displayName)
    {
        foreach (var source in new[] { email, displayName })
        {
            if (string.IsNullOrWhiteSpace(source))
                continue;
            var at = source.LastIndexOf('@');
            var name = (at >= 0 ? source[..at] : source).ToLowerInvariant();
            var words = NotLetterOrDigit().Split(name);
            foreach (var candidate in words.Prepend(LettersAndDigits(name)))
                if (candidate.Length >= MinNameLength)
                    yield return candidate;
        }
    }

    private static string LettersAndDigits(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>Takes off the characters before the first and after the last one that <paramref name="keep"/> accepts.</summary>
    private static string Strip(string text, Func<char, bool> keep)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && !keep(text[start]))
            start++;
        while (end > start && !keep(text[end - 1]))
            end--;
        return text[start..end];
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NotLetterOrDigit();
}
