using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Hosting;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Amani.Governance.Surveys;

/// <summary>
/// App users: creating one (a random token of 256 bits, of which only the SHA-256 is kept, shown once in its server URL and
/// settings QR code) and revoking one (its phones are refused from the next request on). Each change is one save with
/// its audit row.
/// </summary>
public sealed class AppUsers(AmaniDbContext db, AuditLog audit, OpenRosaLinks links, TimeProvider clock, OpenRosa.AppUserCache cache)
{
    public async Task<Outcome<AppUserResponse>> CreateAsync(MissionEntry mission, AppUserInput input, Guid? userId, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > SurveyLimits.Name || name.Any(char.IsControl))
            return Refusal.Invalid("name", $"Give the app user a name of 1 to {SurveyLimits.Name} characters (who carries the phone, or the team).");
        if (input.SurveyId is { } surveyId && !await db.Set<Survey>().AnyAsync(s => s.Id == surveyId && s.MissionId == mission.Id, cancellationToken))
            return Refusal.Invalid("surveyId", $"There is no survey {surveyId} in {mission.Code}.");
        var token = NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser { MissionId = mission.Id, SurveyId = input.SurveyId, Name = name, TokenHash = HashOf(token), CreatedByUserId = userId, CreatedAt = now };
        db.Set<AppUser>().Add(user);
        audit.Record(AuditAction.AppUserCreated, AppUser.AuditEntity, user.Id,
            $"App user '{name}' created in {mission.Code}" + (input.SurveyId is { } s ? $" for survey {s}." : " for every survey of the mission."));
        await db.SaveChangesAsync(cancellationToken);
        var url = links.ServerUrl(token, mission.Code);
        return Outcome<AppUserResponse>.Ok(new AppUserResponse(user.Id, user.Name, user.SurveyId, user.CreatedAt, null, token, url,
            SettingsQr.PngDataUrl(url, $"{mission.Code} – {name}")));
    }

    public async Task<Outcome<AppUserResponse>> RevokeAsync(MissionEntry mission, Guid id, Guid? userId, CancellationToken cancellationToken)
    {
        if (await db.Set<AppUser>().FirstOrDefaultAsync(u => u.Id == id && u.MissionId == mission.Id, cancellationToken) is not { } user)
            return Refusal.NotFound($"The app user {id} was not found.");
        if (user.RevokedAt is null)
        {
            user.RevokedAt = clock.GetUtcNow().UtcDateTime;
            user.RevokedByUserId = userId;
            audit.Record(AuditAction.AppUserRevoked, AppUser.AuditEntity, user.Id, $"App user '{user.Name}' of {mission.Code} revoked.");
            await db.SaveChangesAsync(cancellationToken);
        }
        cache.Forget(user.TokenHash);
        return Outcome<AppUserResponse>.Ok(Response(user));
    }

    public static AppUserResponse Response(AppUser user) => new(user.Id, user.Name, user.SurveyId, user.CreatedAt, user.RevokedAt);

    /// <summary>43 URL-safe characters (256 random bits).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>The OpenRosa server's absolute links, always from <see cref="PublicAddress"/> (never the request's Host).</summary>
public sealed class OpenRosaLinks(PublicAddress address)
{
    public const string Prefix = "/api/v1/openrosa";

    /// <summary>The URL ODK Collect is given: it appends <c>/formList</c> and <c>/submission</c>.</summary>
    public string ServerUrl(string token, string missionCode) => address.Absolute($"{Prefix}/key/{Uri.EscapeDataString(token)}/missions/{missionCode}");
}

/// <summary>
/// The settings QR code that configures ODK Collect (and KoboCollect) in one scan, as ODK Central makes it: the settings
/// JSON (<c>general.server_url</c> …), zlib-compressed, in base64.
/// </summary>
public static class SettingsQr
{
    public static string Payload(string serverUrl, string projectName)
    {
        var json = JsonSerializer.Serialize(new
        {
            general = new Dictionary<string, object> { ["server_url"] = serverUrl, ["form_update_mode"] = "match_exactly", ["autosend"] = "wifi_and_cellular" },
            admin = new Dictionary<string, object> { ["change_server"] = false },
            project = new Dictionary<string, object> { ["name"] = projectName },
        });
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(Encoding.UTF8.GetBytes(json));
        return Convert.ToBase64String(compressed.ToArray());
    }

    /// <summary>The QR code as a PNG <c>data:</c> URL (the Content Security Policy allows <c>data:</c> images).</summary>
    public static string PngDataUrl(string serverUrl, string projectName)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Payload(serverUrl, projectName), QRCodeGenerator.ECCLevel.L);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
