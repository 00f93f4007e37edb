using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Amani.Foundation.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Foundation.Setup;

public sealed record SetupRequest(
    [property: Required, StringLength(200)] string SetupToken,
    [property: Required, EmailAddress, StringLength(UserLimits.Email)] string Email,
    [property: Required, StringLength(UserLimits.MaxPasswordLength, MinimumLength = UserLimits.MinPasswordLength)] string Password);

public sealed record SetupResponse(Guid UserId, string Email);

public static class SetupApi
{
    public static IServiceCollection AddSetup(this IServiceCollection services) => services.AddScoped<FirstAdministrator>();

    public static RouteGroupBuilder MapSetupApi(this RouteGroupBuilder api)
    {
        api.MapPost("/setup", Redeem).WithTags("Set-up").WithName("CompleteSetup").RequireRateLimiting(RateLimits.Anonymous);
        return api;
    }

    private static async Task<Results<Created<SetupResponse>, ProblemHttpResult, ValidationProblem>> Redeem(SetupRequest request,
        FirstAdministrator setup, CancellationToken cancellationToken)
    {
        var (failure, created) = await setup.RedeemAsync(request.SetupToken, request.Email, request.Password, cancellationToken);
        return failure switch
        {
            FirstAdministrator.RedeemFailure.InvalidToken => Problem.Forbidden(
                "The set-up token is unknown, already used or expired. Restart the server with an empty user table to get a new one, or use './amani users create-admin'."),
            FirstAdministrator.RedeemFailure.AlreadySetUp => Problem.Conflict("Amani is already set up: an administrator exists. Sign in instead."),
            _ when !created!.Succeeded => Problem.Invalid(created.Field!, created.Error!),
            _ => TypedResults.Created($"/api/v1/users/{created.Value!.User.Id}", new SetupResponse(created.Value.User.Id, created.Value.User.Email!)),
        };
    }
}
