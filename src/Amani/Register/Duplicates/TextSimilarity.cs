using System.Globalization;
using System.Text;

namespace Amani.Register.Duplicates;

/// <summary>
/// How alike two free-text descriptions are, 0–1: the Jaccard index of their character trigram sets. Text is first
/// normalised — accents removed (é → e), lower-cased, everything that is not a letter or digit turned into a space —
/// so French and English descriptions written with or without accents, in any case, compare equal. Trigrams are
/// taken inside each word padded with spaces (" tir", "tir ", …), which tolerates typos and inflections
/// ("attaque"/"attaqué", "attack"/"attacked") better than whole words.
/// </summary>
public static class TextSimilarity
{
    /// <summary>Descriptions are cut to this many characters before comparing: enough to judge, bounded in cost.</summary>
    public const int MaxCompared = 2000;

    public static double Jaccard(string? left, string? right)
    {
        var a = Trigrams(left);
        var b = Trigrams(right);
        if (a.Count == 0 || b.Count == 0)
            return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>"L'Attaqué, près du Marché!" → "l attaque pres du marche".</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var decomposed = (text.Length > MaxCompared ? text[..MaxCompared] : text).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }
        return builder.ToString().Trim();
    }

    public static HashSet<string> Trigrams(string? text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = $" {word} ";
            for (var i = 0; i + 3 <= padded.Length; i++)
                set.Add(padded.Substring(i, 3));
        }
        return set;
    }
}
