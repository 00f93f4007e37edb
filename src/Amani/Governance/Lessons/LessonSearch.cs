using System.Globalization;
using System.Text;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Lessons;

/// <summary>One lesson a full-text query found, and how well it matched (higher is better, on both databases).</summary>
public sealed record LessonHit(Guid Id, double Rank);

/// <summary>
/// Full-text search over the lessons. The application folds every text it indexes, and every query, the same way
/// (<see cref="Fold"/>: lower case, accents and other marks removed, anything but letters and digits a space), so that
/// "securite" finds "sécurité" on both databases whatever their extensions. SQLite indexes the folded title and body in
/// an FTS5 table (<c>lessons_fts</c>, kept in step by triggers) and ranks with bm25; PostgreSQL keeps a generated
/// <c>tsvector</c> column (the <c>simple</c> configuration: no stemming, the texts are English and French) under a GIN
/// index and ranks with <c>ts_rank</c>. The title weighs more than the body on both. Every word of a query must match,
/// as a word or the start of one (<c>alert</c> finds "alerte" and "alerts").
/// </summary>
public static class LessonSearch
{
    /// <summary>At most this many words of a query are used.</summary>
    public const int MaxTerms = 12;

    /// <summary>The text as the index reads it: lower case, no accents, words separated by single spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var folded = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(c switch { 'œ' or 'Œ' => "oe", 'æ' or 'Æ' => "ae", 'ß' => "ss", _ => char.ToLowerInvariant(c).ToString() });
                space = false;
            }
            else if (!space)
            {
                folded.Append(' ');
                space = true;
            }
        }
        return folded.ToString().TrimEnd();
    }

    /// <summary>The words of a query as the index reads them (one-letter words, such as the "l" of "l'alerte", are left out).</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t.Length > 1).Distinct().Take(MaxTerms).ToList();

    /// <summary>The lessons of every mission matching all <paramref name="terms"/> (folded words: letters and digits only), with their rank.</summary>
    public static IQueryable<LessonHit> Hits(AmaniDbContext db, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0 || terms.Any(t => !t.All(char.IsLetterOrDigit)))
            throw new ArgumentException("Give folded words: letters and digits only.", nameof(terms));
        if (db.Database.IsNpgsql())
            return db.Database.SqlQueryRaw<LessonHit>(
                "SELECT id AS \"Id\", ts_rank(search_vector, to_tsquery('simple', {0}))::double precision AS \"Rank\" " +
                "FROM lessons WHERE search_vector @@ to_tsquery('simple', {0})", string.Join(" & ", terms.Select(t => t + ":*")));
        return db.Database.SqlQueryRaw<LessonHit>(
            "SELECT lesson_id AS \"Id\", -bm25(lessons_fts, 0.0, 4.0, 1.0) AS \"Rank\" FROM lessons_fts WHERE lessons_fts MATCH {0}",
            string.Join(" ", terms.Select(t => $"\"{t}\"*")));
    }

    /// <summary>Sets the folded texts the index reads from the lesson's fields and themes (never its author).</summary>
    public static void Index(Lesson lesson)
    {
        lesson.SearchTitle = Fold(lesson.Title);
        lesson.SearchBody = Fold(string.Join(" ", new[]
        {
            lesson.Observation, lesson.Discussion, lesson.Recommendation, lesson.Expected, lesson.Happened, lesson.Causes, lesson.Improvements,
        }.Concat(lesson.Themes.Select(t => t.Theme)).Where(t => !string.IsNullOrWhiteSpace(t))));
    }
}
