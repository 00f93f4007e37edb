using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Foundation.Users;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

public static class AccountApi
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddScoped<SignIn>().AddScoped<PasswordCheck>().AddScoped<PasswordChange>().AddScoped<UserSessions>().AddSingleton<SignInThrottle>();

    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account");
        account.MapPost("/login", Login).WithName("Login").RequireRateLimiting(RateLimits.Anonymous);
        account.MapPost("/logout", Logout).WithName("Logout").RequireSession();
        account.MapPost("/logout-everywhere", LogoutEverywhere).WithName("LogoutEverywhere").RequireSession();
        account.MapGet("/me", Me).WithName("Me").RequireSignedIn();
        account.MapPost("/password", ChangePassword).WithName("ChangePassword").RequireSession();
        account.MapGet("/antiforgery", Antiforgery).WithName("Antiforgery").RequireSession();
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Login(LoginRequest request, SignIn signIn, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await signIn.PasswordAsync(request.Email, request.Password, cancellationToken);
        if (outcome.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return outcome.Succeeded ? TypedResults.NoContent() : Problem.Of(outcome.Problem!, outcome.Detail!);
    }

    private static async Task<NoContent> Logout(SignIn signIn, AccessContext access, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync(access.UserId!.Value, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutEverywhere(SignIn signIn, AccessContext access, CancellationToken cancellationToken)
    {
        await signIn.SignOutEverywhereAsync(access.UserId!.Value, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeResponse>> Me(AccessContext access, AmaniDbContext db, UserManager<AmaniUser> users, CancellationToken cancellationToken)
    {
        var user = (await users.FindByIdAsync(access.UserId!.Value.ToString()))!;
        var roles = await UserViews.RolesAsync(db, [user.Id], cancellationToken);
        var permissions = (await access.AssignmentsAsync(cancellationToken))
            .SelectMany(a => RolePermissions.Of(a.Role)).Distinct().Where(access.TokenAllows).Select(p => p.Name()).Order().ToList();
        return TypedResults.Ok(new MeResponse(user.Id, user.Email ?? "", user.DisplayName, roles[user.Id].ToList(), permissions,
            access.TokenScopes?.Order().ToList()));
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(ChangePasswordRequest request, AccessContext access,
        PasswordChange passwords, CancellationToken cancellationToken)
    {
        var failure = await passwords.ChangeAsync(access.UserId!.Value, request.CurrentPassword, request.NewPassword, cancellationToken);
        return failure is null ? TypedResults.NoContent() : Problem.Invalid(failure.Field, failure.Message);
    }

    private static Ok<AntiforgeryResponse> Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryResponse(tokens.RequestToken!, tokens.HeaderName!));
    }
}
