using System.Net;
using Amani.Access;
using Amani.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Amani.Accounts;

/// <summary>
/// The minimal browser sign-in: a form with an antiforgery token (checked by the framework on every form post), and
/// a home page that says who is signed in. The full web application replaces the home page.
/// </summary>
public static class SignInPages
{
    public static WebApplication MapSignInPages(this WebApplication app)
    {
        app.MapGet("/", Home).ExcludeFromDescription();
        app.MapGet("/account/login", Form).ExcludeFromDescription();
        app.MapPost("/account/login", Submit).ExcludeFromDescription().RequireRateLimiting(RateLimits.Anonymous);
        app.MapPost("/account/logout", Logout).ExcludeFromDescription().RequireSession();
        return app;
    }

    private static IResult Home(HttpContext context, IAntiforgery antiforgery) =>
        context.User.Identity?.IsAuthenticated == true
            ? Page("Amani", $"""
                <p>Signed in as <strong>{Encode(context.User.Identity.Name)}</strong>.</p>
                <p>The API is described at <a href="/openapi/v1.json">/openapi/v1.json</a>.</p>
                <form method="post" action="/account/logout">{Hidden(context, antiforgery)}<button>Sign out</button></form>
                """)
            : Results.Redirect("/account/login");

    private static IResult Form(HttpContext context, IAntiforgery antiforgery) => Page("Sign in", SignInForm(context, antiforgery, null));

    private static async Task<IResult> Submit([FromForm] string? email, [FromForm] string? password, SignIn signIn, HttpContext context,
        IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Page("Sign in", SignInForm(context, antiforgery, "Enter your e-mail address and password."), 400);
        var outcome = await signIn.PasswordAsync(email, password, cancellationToken);
        return outcome.Succeeded
            ? Results.Redirect("/")
            : Page("Sign in", SignInForm(context, antiforgery, outcome.Detail), outcome.Problem!.Status);
    }

    private static async Task<IResult> Logout(HttpContext context, IAntiforgery antiforgery, SignIn signIn, AccessContext access,
        CancellationToken cancellationToken)
    {
        // The form carries no other field, so the framework would not check its antiforgery token: check it here.
        if (!await antiforgery.IsRequestValidAsync(context))
            return Problem.Of(ProblemType.Antiforgery, "The sign-out form was sent without a valid antiforgery token. Reload the page and try again.");
        await signIn.SignOutAsync(access.UserId!.Value, cancellationToken);
        return Results.Redirect("/account/login");
    }

    private static string SignInForm(HttpContext context, IAntiforgery antiforgery, string? error) => $"""
        {(error is null ? "" : $"<p role=\"alert\">{Encode(error)}</p>")}
        <form method="post" action="/account/login">
          {Hidden(context, antiforgery)}
          <p><label for="email">E-mail</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
          <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
          <p><button type="submit">Sign in</button></p>
        </form>
        """;

    private static string Hidden(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{Encode(tokens.RequestToken)}\">";
    }

    private static IResult Page(string title, string body, int status = 200) => Results.Content($"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)} · Amani</title></head><body><main><h1>{Encode(title)}</h1>{body}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
