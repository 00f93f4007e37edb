using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Tokens;

public sealed record TokenResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime ExpiresAt,
    DateTime? RevokedAt, DateTime? LastUsedAt)
{
    public static TokenResponse From(AccessToken t) =>
        new(t.Id, t.Name, t.Prefix, t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}

/// <summary>The created token; <see cref="Token"/> is the secret, shown this once and never again.</summary>
public sealed record CreatedTokenResponse(TokenResponse Details, string Token);

public sealed record CreateTokenRequest(
    [property: Required, StringLength(TokenLimits.Name, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1), MaxLength(32), ScopeNames] string[] Scopes,
    [property: Range(1, TokenLimits.MaxLifetimeDays)] int? ExpiresInDays);

public static class TokensApi
{
    public static IServiceCollection AddTokens(this IServiceCollection services) => services.AddScoped<TokenIssuer>();

    /// <summary>The access-token authentication scheme, which the platform's policy scheme forwards <c>Bearer</c> requests to.</summary>
    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>Tokens are managed from a signed-in session only, so a leaked token cannot mint or hide others.</summary>
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Access tokens").RequireSession();
        tokens.MapGet("/", List).WithName("ListTokens");
        tokens.MapPost("/", Create).WithName("CreateToken");
        tokens.MapDelete("/{id:guid}", Revoke).WithName("RevokeToken");
        return api;
    }

    private static async Task<Ok<List<TokenResponse>>> List(AmaniDbContext db, AccessContext access, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.AccessTokens.AsNoTracking().Where(t => t.UserId == access.UserId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken)).Select(TokenResponse.From).ToList());

    private static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem>> Create(CreateTokenRequest request, AccessContext access,
        UserManager<AmaniUser> users, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var user = (await users.FindByIdAsync(access.UserId!.Value.ToString()))!;
        var result = await issuer.IssueAsync(user, request.Name.Trim(), request.Scopes, request.ExpiresInDays ?? TokenLimits.DefaultLifetimeDays,
            cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/tokens/{result.Value!.Token.Id}",
                new CreatedTokenResponse(TokenResponse.From(result.Value.Token), result.Value.Secret))
            : Problem.Invalid(result.Field!, result.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, AccessContext access, TokenIssuer issuer,
        CancellationToken cancellationToken) =>
        await issuer.RevokeAsync(id, access.UserId, cancellationToken) ? TypedResults.NoContent() : Problem.NotFound($"The token {id}");
}
