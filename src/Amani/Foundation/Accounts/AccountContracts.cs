using System.ComponentModel.DataAnnotations;
using Amani.Foundation.Users;

namespace Amani.Foundation.Accounts;

public sealed record LoginRequest(
    [property: Required, StringLength(UserLimits.Email)] string Email,
    [property: Required, StringLength(UserLimits.MaxPasswordLength)] string Password);

public sealed record ChangePasswordRequest(
    [property: Required, StringLength(UserLimits.MaxPasswordLength)] string CurrentPassword,
    [property: Required, StringLength(UserLimits.MaxPasswordLength, MinimumLength = UserLimits.MinPasswordLength)] string NewPassword);

public sealed record MeResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<RoleAssignmentResponse> Roles,
    IReadOnlyList<string> Permissions, IReadOnlyList<string>? TokenScopes);

public sealed record AntiforgeryResponse(string Token, string HeaderName);
