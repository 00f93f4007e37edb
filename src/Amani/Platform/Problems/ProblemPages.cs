using System.Net;

namespace Amani.Platform.Problems;

/// <summary>The human-readable page behind each problem type URI.</summary>
public static class ProblemPages
{
    public static IResult Render(string slug)
    {
        var type = ProblemType.All.FirstOrDefault(t => t.Slug == slug);
        if (type is null)
            return Problem.NotFound($"The problem type '{slug}'");
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(type.Title)}</title></head>
            <body><h1>{WebUtility.HtmlEncode(type.Title)}</h1><p>HTTP {type.Status}</p><p>{WebUtility.HtmlEncode(type.Explanation)}</p></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
