using System.Security.Claims;
using Amani.Foundation.Accounts;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Directories;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>
/// Who calls the OpenRosa server — an app user (by the key in its server URL), or a field account: a staff user holding
/// <c>surveys:submit</c> in the mission, by HTTP Basic (their e-mail and password) or by a signed-in browser session —
/// or, refused, the answer to give.
/// </summary>
public sealed record OpenRosaCaller(MissionEntry? Mission, IResult? Refused, AppUser? AppUser = null, Guid? UserId = null)
{
    public string Actor => AppUser is { } app ? $"app-user:{app.Id}" : UserId is { } user ? $"user:{user}" : "anonymous";
}

/// <summary>
/// Resolves the caller of an OpenRosa request: under <c>/openrosa/key/{token}/missions/{code}</c> the app user behind the key
/// (<see cref="AppUserCache"/>), under <c>/openrosa/missions/{code}</c> a field account. A field account without
/// credentials, or with wrong ones, gets 401 with <c>WWW-Authenticate: Basic realm="Amani"</c> (ODK Collect then asks for
/// them); the password is checked as a sign-in checks it (<see cref="PasswordCheck"/>: same hash work, throttling, audit).
/// </summary>
public sealed class OpenRosaCallers(AppUserCache appUsers, SubmissionTargetCache cache, IMissionDirectory missions, AccessContext access, PasswordCheck passwords, AuditActor actor,
    TimeProvider clock)
{
    public const string Realm = "Basic realm=\"Amani\"";

    public Task<OpenRosaCaller> ResolveAsync(HttpContext http, string code, CancellationToken cancellationToken) =>
        http.GetRouteValue("token") is string token ? AppUserAsync(token, code, cancellationToken) : FieldAccountAsync(http, code, cancellationToken);

    private async Task<OpenRosaCaller> AppUserAsync(string token, string code, CancellationToken cancellationToken)
    {
        var user = await appUsers.FindAsync(AppUsers.HashOf(token), cancellationToken);
        if (user is null)
            return new OpenRosaCaller(null, OpenRosaXml.Message(StatusCodes.Status401Unauthorized,
                "This server address carries a key Amani does not know. Scan the settings QR code your survey coordinator gives you again."));
        if (user.RevokedAt is not null)
            return new OpenRosaCaller(null, OpenRosaXml.Message(StatusCodes.Status403Forbidden,
                "This phone's access was revoked. Ask your survey coordinator for a new settings QR code."), user);
        var mission = await MissionAsync(code.Trim().ToUpperInvariant(), cancellationToken);
        if (mission is null || mission.Id != user.MissionId)
            return new OpenRosaCaller(null, OpenRosaXml.Message(StatusCodes.Status404NotFound,
                $"This key is not for a mission '{code}'. Use the server address exactly as the settings QR code gives it."), user);
        return new OpenRosaCaller(mission, null, user);
    }

    private async Task<OpenRosaCaller> FieldAccountAsync(HttpContext http, string code, CancellationToken cancellationToken)
    {
        if (PasswordCheck.BasicCredentials(http.Request) is (var email, var password))
        {
            var checkedPassword = await passwords.VerifyAsync(email, password, cancellationToken);
            if (checkedPassword.RetryAfter is { } wait)
                return new OpenRosaCaller(null, OpenRosaXml.WithHeader(OpenRosaXml.Message(StatusCodes.Status429TooManyRequests, checkedPassword.Refusal!),
                    "Retry-After", ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (checkedPassword.UserId is not { } userId)
                return new OpenRosaCaller(null, Challenge(checkedPassword.Refusal!));
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "Basic"));
            actor.Actor = $"user:{userId}";
        }
        else if (access.UserId is null)
            return new OpenRosaCaller(null, http.Request.Headers.ContainsKey("X-CSRF-TOKEN")
                // A page's script whose session ended: no Basic challenge, which would make the browser ask for a password.
                ? OpenRosaXml.Message(StatusCodes.Status401Unauthorized, "Your session ended: sign in to Amani again, then send.")
                : Challenge("Sign in: give your Amani e-mail as user name and your password in the app's server settings."));
        if (await access.IsLockedOutAsync(clock, cancellationToken))
            return new OpenRosaCaller(null, OpenRosaXml.Message(StatusCodes.Status403Forbidden, "This account is locked. Ask an administrator to unlock it."));
        var mission = await missions.FindAsync(code.Trim().ToUpperInvariant(), cancellationToken);
        if (mission is null || !await access.HasAsync(Permission.SurveysSubmit, mission.Id, cancellationToken))
            return new OpenRosaCaller(null, OpenRosaXml.Message(StatusCodes.Status404NotFound,
                $"There is no mission '{code}' where your account may fill survey forms. Check the server address, or ask your survey coordinator for the field role."));
        return new OpenRosaCaller(mission, null, UserId: access.UserId);
    }

    /// <summary>The mission by its code, kept in <see cref="SubmissionTargetCache"/> (an unknown code is read each time).</summary>
    private async Task<MissionEntry?> MissionAsync(string code, CancellationToken cancellationToken)
    {
        if (cache.Mission(code) is { } known)
            return known;
        var generation = cache.Generation;
        var mission = await missions.FindAsync(code, cancellationToken);
        if (mission is not null)
            cache.KeepMission(generation, code, mission);
        return mission;
    }

    private static IResult Challenge(string message) =>
        OpenRosaXml.WithHeader(OpenRosaXml.Message(StatusCodes.Status401Unauthorized, message), "WWW-Authenticate", Realm);
}
