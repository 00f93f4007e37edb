using System.ComponentModel.DataAnnotations;
using Amani.Platform.Access;

namespace Amani.Foundation.Users;

public sealed record RoleAssignmentResponse(Guid Id, Role Role, string? MissionCode, string? AreaPCode, Guid? OrganizationId);

public sealed record UserResponse(Guid Id, string Email, string DisplayName, bool IsLockedOut, DateTimeOffset? LockoutEnd,
    IReadOnlyList<RoleAssignmentResponse> Roles);

public sealed record CreatedUserResponse(UserResponse User, string? InitialPassword);

public sealed record CreateUserRequest(
    [property: Required, EmailAddress, StringLength(UserLimits.Email)] string Email,
    [property: StringLength(UserLimits.DisplayName)] string? DisplayName,
    [property: StringLength(UserLimits.MaxPasswordLength, MinimumLength = UserLimits.MinPasswordLength)] string? Password);

public sealed record GrantRoleRequest(
    [property: Required] Role? Role,
    [property: StringLength(32)] string? MissionCode,
    [property: StringLength(64)] string? AreaPCode,
    Guid? OrganizationId);
