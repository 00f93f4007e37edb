using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Identity;

namespace Amani.Foundation.Users;

public static class UsersApi
{
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddScoped<UserAdministration>();

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequirePermission(Permission.UsersManage);
        users.MapGet("/", List).WithName("ListUsers");
        users.MapGet("/{id:guid}", Get).WithName("GetUser");
        users.MapPost("/", Create).WithName("CreateUser");
        users.MapPost("/{id:guid}/roles", Grant).WithName("GrantRole");
        users.MapDelete("/{id:guid}/roles/{assignmentId:guid}", Revoke).WithName("RevokeRole");
        users.MapPost("/{id:guid}/lock", Lock).WithName("LockUser");
        users.MapPost("/{id:guid}/unlock", Unlock).WithName("UnlockUser");
        return api;
    }

    private static async Task<Ok<List<UserResponse>>> List(AmaniDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await UserViews.RolesAsync(db, users.Select(u => u.Id).ToList(), cancellationToken);
        return TypedResults.Ok(users.Select(u => UserViews.ToResponse(u, roles, clock)).ToList());
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(Guid id, AmaniDbContext db, TimeProvider clock,
        CancellationToken cancellationToken) =>
        await UserViews.LoadAsync(db, id, clock, cancellationToken) is { } user ? TypedResults.Ok(user) : Problem.NotFound($"The user {id}");

    private static async Task<Results<Created<CreatedUserResponse>, ValidationProblem>> Create(CreateUserRequest request,
        UserAdministration administration, AmaniDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await administration.CreateAsync(request.Email, request.DisplayName, request.Password, cancellationToken);
        if (!result.Succeeded)
            return Problem.Invalid(result.Field!, result.Error!);
        var user = (await UserViews.LoadAsync(db, result.Value!.User.Id, clock, cancellationToken))!;
        return TypedResults.Created($"/api/v1/users/{user.Id}", new CreatedUserResponse(user, result.Value.GeneratedPassword));
    }

    private static async Task<Results<Created<RoleAssignmentResponse>, ProblemHttpResult, ValidationProblem>> Grant(Guid id,
        GrantRoleRequest request, UserManager<AmaniUser> users, UserAdministration administration, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
            return Problem.NotFound($"The user {id}");
        var result = await administration.GrantAsync(user, request, cancellationToken);
        if (!result.Succeeded)
            return Problem.Invalid(result.Field!, result.Error!);
        var a = result.Value!;
        return TypedResults.Created($"/api/v1/users/{id}/roles/{a.Id}",
            new RoleAssignmentResponse(a.Id, a.Role, request.MissionCode?.Trim().ToUpperInvariant(), request.AreaPCode?.Trim(), a.OrganizationId));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, Guid assignmentId, UserAdministration administration,
        CancellationToken cancellationToken) =>
        await administration.RevokeAsync(id, assignmentId, cancellationToken) is { } refused ? Problem.Of(refused) : TypedResults.NoContent();

    private static Task<Results<NoContent, ProblemHttpResult>> Lock(Guid id, UserManager<AmaniUser> users, UserAdministration administration,
        AccessContext access, CancellationToken cancellationToken) =>
        !UserAdministration.MayLock(id, access.UserId)
            ? Task.FromResult<Results<NoContent, ProblemHttpResult>>(Problem.Forbidden(UserAdministration.CannotLockYourself))
            : SetLockedAsync(id, true, users, administration, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> Unlock(Guid id, UserManager<AmaniUser> users, UserAdministration administration,
        CancellationToken cancellationToken) => SetLockedAsync(id, false, users, administration, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLockedAsync(Guid id, bool locked, UserManager<AmaniUser> users,
        UserAdministration administration, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
            return Problem.NotFound($"The user {id}");
        await administration.SetLockedAsync(user, locked, cancellationToken);
        return TypedResults.NoContent();
    }
}

public static class UserViews
{
    public static async Task<UserResponse?> LoadAsync(AmaniDbContext db, Guid id, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : ToResponse(user, await RolesAsync(db, [id], cancellationToken), clock);
    }

    public static async Task<ILookup<Guid, RoleAssignmentResponse>> RolesAsync(AmaniDbContext db, List<Guid> userIds,
        CancellationToken cancellationToken)
    {
        var rows = await (
            from a in db.RoleAssignments.AsNoTracking()
            where userIds.Contains(a.UserId)
            join m in db.Missions on a.MissionId equals m.Id into missions
            from m in missions.DefaultIfEmpty()
            join area in db.AdminAreas on a.AreaId equals area.Id into areas
            from area in areas.DefaultIfEmpty()
            select new { a.UserId, Response = new RoleAssignmentResponse(a.Id, a.Role, m.Code, area.PCode, a.OrganizationId) })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.UserId, r => r.Response);
    }

    public static UserResponse ToResponse(AmaniUser user, ILookup<Guid, RoleAssignmentResponse> roles, TimeProvider clock) =>
        new(user.Id, user.Email ?? "", user.DisplayName, user.LockoutEnd > clock.GetUtcNow(), user.LockoutEnd, roles[user.Id].ToList());
}
