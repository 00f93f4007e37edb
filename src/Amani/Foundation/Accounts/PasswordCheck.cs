using System.Text;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

/// <summary>
/// Checks an e-mail and password sent with a request (HTTP Basic, as ODK Collect sends a field account's credentials)
/// without starting a session. The same rules as <see cref="SignIn"/>: an unknown e-mail costs the same password-hash work
/// and gets the same answer as a wrong password, failures are slowed per account and address (<see cref="SignInThrottle"/>)
/// and audited, and a locked account is refused only to someone who knows its password.
/// </summary>
public sealed class PasswordCheck(UserManager<AmaniUser> users, SignInThrottle throttle, AuditLog audit, AmaniDbContext db,
    IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The user (when <see cref="Refusal"/> is null), or why not and, when throttled, how long to wait.</summary>
    public sealed record Result(Guid? UserId, string? Refusal, TimeSpan? RetryAfter = null);

    /// <summary>Reads <c>Authorization: Basic base64(email:password)</c>; null when the request carries no Basic credentials.</summary>
    public static (string Email, string Password)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? ("", "") : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }

    public async Task<Result> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress;
        if (throttle.Wait(email, address) is { TotalSeconds: > 0 } wait)
            return new Result(null, $"Too many failed sign-ins for this e-mail from your address. Try again in {(int)Math.Ceiling(wait.TotalSeconds)} seconds.",
                wait);
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email.Trim());
        bool correct;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AmaniUser(), SignIn.DecoyHash.Value, password); // the same work, the answer is "no"
            correct = false;
        }
        else
            correct = await users.CheckPasswordAsync(user, password);
        if (!correct)
        {
            throttle.Failed(email, address);
            audit.Record(AuditAction.SignInFailed, AmaniUser.AuditEntity, user?.Id,
                user is null ? "Failed password check (HTTP Basic) for an unknown account." : $"Failed password check (HTTP Basic) for user {user.Id}.");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(null, "Wrong e-mail or password. Check the user name (your Amani e-mail) and password in the app's server settings.");
        }
        throttle.Succeeded(email, address);
        if (user!.LockoutEnd > clock.GetUtcNow())
            return new Result(null, "This account is locked. Ask an administrator to unlock it.");
        return new Result(user.Id, null);
    }
}
