using System.Text.RegularExpressions;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// The short SMS syntax, forgiving about case, spacing and hyphens, with English and French keywords:
/// <list type="bullet">
/// <item><c>any text</c> — a report.</item>
/// <item><c>R &lt;place or P-code&gt;: &lt;what happened&gt;</c> (also REPORT, RAPPORT) — a report with its place; fields
/// <c>lieu=…</c>/<c>place=…</c>, <c>pcode=…</c>/<c>zone=…</c>, <c>mission=…</c>, <c>lang=…</c>/<c>langue=…</c> may precede the text.</item>
/// <item><c>S &lt;code&gt;</c> (also STATUS, STATUT, SUIVI) — the status of a report.</item>
/// <item><c>M &lt;code&gt; &lt;text&gt;</c> (also MSG, MESSAGE, INFO) or just <c>&lt;code&gt; &lt;text&gt;</c> — more information.</item>
/// </list>
/// </summary>
public static partial class SmsSyntax
{
    private static readonly HashSet<string> ReportWords = new(StringComparer.OrdinalIgnoreCase) { "R", "REPORT", "RAPPORT", "RAP" };
    private static readonly HashSet<string> StatusWords = new(StringComparer.OrdinalIgnoreCase) { "S", "STATUS", "STATUT", "SUIVI", "ETAT", "ÉTAT" };
    private static readonly HashSet<string> MessageWords = new(StringComparer.OrdinalIgnoreCase) { "M", "MSG", "MESSAGE", "INFO", "PLUS" };

    public const string HelpText = "Send your report as text, or: R place: what happened | S code (status) | M code text (add information).";

    public static SmsCommand Parse(string text)
    {
        var body = Clean(text);
        var (keyword, rest) = SplitKeyword(body);
        if (StatusWords.Contains(keyword))
            return TrackingCode.Normalize(rest) is { } code ? new SmsCommand.Status(code) : new SmsCommand.Help("S needs a tracking code: S XXXX-XXXX-XXXX");
        if (MessageWords.Contains(keyword))
            return LeadingCode(rest) is var (code, text2) && text2.Length > 0
                ? new SmsCommand.AddInfo(code, text2, Explicit: true)
                : new SmsCommand.Help("M needs a tracking code and your text: M XXXX-XXXX-XXXX text");
        if (ReportWords.Contains(keyword))
            return rest.Length == 0 ? new SmsCommand.Help("R needs what happened: R place: what happened") : Structured(rest);
        if (LeadingCode(body) is var (bareCode, added) && added.Length > 0)
            return new SmsCommand.AddInfo(bareCode, added, Explicit: false);
        return new SmsCommand.Report(body, null, null, null, null);
    }

    private static readonly HashSet<string> FrenchWords = new(StringComparer.OrdinalIgnoreCase) { "RAPPORT", "RAP", "STATUT", "SUIVI", "ETAT", "ÉTAT", "PLUS" };

    /// <summary>"fr" when the message starts with a French keyword, else null (replies are then in English).</summary>
    public static string? LanguageOf(string text) => FrenchWords.Contains(SplitKeyword(Clean(text)).Keyword) ? "fr" : null;

    /// <summary>The text trimmed, with every run of white space made one space.</summary>
    public static string Clean(string text) => Whitespace().Replace(text.Trim(), " ");

    private static (string Keyword, string Remainder) SplitKeyword(string body)
    {
        var match = KeywordPattern().Match(body);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value.Trim()) : ("", body);
    }

    /// <summary>A tracking code at the start (written with hyphens, spaces or neither), and the text after it.</summary>
    private static (string Code, string Text)? LeadingCode(string text)
    {
        var match = CodePattern().Match(text);
        if (!match.Success || TrackingCode.Normalize(match.Groups[1].Value) is not { } code)
            return null;
        return (code, text[match.Length..].Trim().TrimStart(':', '-', ',').Trim());
    }

    private static SmsCommand.Report Structured(string rest)
    {
        string? place = null, pcode = null, mission = null, language = null;
        while (FieldPattern().Match(rest) is { Success: true } field)
        {
            var value = field.Groups[2].Value.Trim('"').Replace('_', ' ');
            switch (field.Groups[1].Value.ToLowerInvariant())
            {
                case "lieu" or "place" or "loc": place = value; break;
                case "pcode" or "zone" or "area": pcode = value; break;
                case "mission": mission = value; break;
                default: language = value; break;
            }
            rest = rest[field.Length..].TrimStart();
        }
        var colon = rest.IndexOf(':');
        if (colon > 0 && colon <= 80)
        {
            var where = rest[..colon].Trim();
            if (LooksLikePCode(where))
                pcode ??= where;
            else
                place ??= where;
            rest = rest[(colon + 1)..].Trim();
        }
        return new SmsCommand.Report(rest.Length > 0 ? rest : place ?? pcode ?? "", place, pcode, mission, language);
    }

    /// <summary>P-codes are short, without spaces, and carry digits or dots (CF.AA, CF11, CD7101).</summary>
    public static bool LooksLikePCode(string text) => PCodePattern().IsMatch(text);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
    [GeneratedRegex(@"^([\p{L}]{1,8})(?:[\s:]+(.*)|$)", RegexOptions.Singleline)]
    private static partial Regex KeywordPattern();
    [GeneratedRegex(@"^([0-9A-Za-z]{4}[\s-]?[0-9A-Za-z]{4}[\s-]?[0-9A-Za-z]{4})(?=$|[\s:,])")]
    private static partial Regex CodePattern();
    [GeneratedRegex(@"^(lieu|place|loc|pcode|zone|area|mission|lang|langue)\s*=\s*(""[^""]*""|\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex FieldPattern();
    [GeneratedRegex(@"^(?=\S*[0-9.])[A-Za-z]{2}[A-Za-z0-9]*([.\-_][A-Za-z0-9]+)*$")]
    private static partial Regex PCodePattern();
}
