using System.Text.RegularExpressions;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Notifications;

/// <summary>
/// Reads and replaces a user's notification preferences (shared by the API and the notifications page). A change is
/// audited (without the phone number). Every field is checked before anything is written; the failures are returned
/// per field.
/// </summary>
public sealed partial class NotificationPreferencesEditor(AmaniDbContext db, AuditLog audit, NotificationPhoneProtection phones,
    IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    /// <summary>The names of <see cref="DeliveryMode"/> in the API and the forms.</summary>
    public static readonly IReadOnlyDictionary<string, DeliveryMode> Modes = new Dictionary<string, DeliveryMode>(StringComparer.Ordinal)
    {
        ["immediately"] = DeliveryMode.Immediately, ["dailyDigest"] = DeliveryMode.DailyDigest, ["off"] = DeliveryMode.Off,
    };

    public static string NameOf(DeliveryMode mode) => Modes.First(m => m.Value == mode).Key;

    public async Task<NotificationPreferencesResponse> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken)
                          ?? new NotificationPreferences { UserId = userId };
        return new NotificationPreferencesResponse(NameOf(preferences.Email), NameOf(preferences.Sms), preferences.Language,
            phones.Unprotect(preferences.PhoneProtected), NotificationSettings.DigestHourUtc, await EmailStatusAsync(userId, cancellationToken));
    }

    /// <summary>What the user is told about e-mail delivery: working, or not configured with N messages waiting.</summary>
    public async Task<EmailDeliveryStatus> EmailStatusAsync(Guid userId, CancellationToken cancellationToken)
    {
        var waiting = await EmailOutboxSender.WaitingAsync(db, userId, cancellationToken);
        return smtp.Value.IsConfigured
            ? new EmailDeliveryStatus(true, waiting, $"E-mail is sent through the server's SMTP relay; {waiting} message(s) waiting.")
            : new EmailDeliveryStatus(false, waiting, $"E-mail not configured; {waiting} message(s) waiting.");
    }

    /// <summary>Replaces the preferences; on invalid input returns the failures per field and writes nothing.</summary>
    public async Task<(NotificationPreferencesResponse? Saved, Dictionary<string, string[]>? Errors)> PutAsync(Guid userId,
        NotificationPreferencesRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = Mode(request.Email, "email", errors);
        var sms = Mode(request.Sms, "sms", errors);
        var language = string.IsNullOrWhiteSpace(request.Language) ? NotificationLanguages.English : request.Language.Trim().ToLowerInvariant();
        if (!NotificationLanguages.All.Contains(language))
            errors["language"] = [$"Choose one of: {string.Join(", ", NotificationLanguages.All)}."];
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        if (phone is not null && (phone.Length > NotificationLimits.Phone || !PhonePattern().IsMatch(phone)))
            errors["phone"] = ["Give a phone number in international form, e.g. +236 75 00 00 00 (digits, spaces, hyphens; at most 32 characters)."];
        else if (phone is null && sms is DeliveryMode.Immediately or DeliveryMode.DailyDigest)
            errors["phone"] = ["SMS needs a phone number: give one, or set sms to off."];
        if (errors.Count > 0)
            return (null, errors);

        var preferences = await db.Set<NotificationPreferences>().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preferences is null)
            db.Set<NotificationPreferences>().Add(preferences = new NotificationPreferences { UserId = userId });
        var phoneChanged = phones.Unprotect(preferences.PhoneProtected) != phone;
        preferences.Email = email!.Value;
        preferences.Sms = sms!.Value;
        preferences.Language = language;
        if (phoneChanged)
            preferences.PhoneProtected = phones.Protect(phone);
        preferences.UpdatedAt = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditAction.NotificationPreferencesChanged, AuditEntity.User, userId,
            $"Notification preferences: e-mail {NameOf(preferences.Email)}, SMS {NameOf(preferences.Sms)}, language {language}" +
            (phoneChanged ? (phone is null ? "; SMS number removed." : "; SMS number changed.") : "."));
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(userId, cancellationToken), null);
    }

    private static DeliveryMode? Mode(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
            return field == "sms" ? DeliveryMode.Off : DeliveryMode.Immediately;
        if (Modes.TryGetValue(value.Trim(), out var mode))
            return mode;
        errors[field] = [$"'{Shorten(value)}' is not a delivery mode: choose one of {string.Join(", ", Modes.Keys)}."];
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-.]{5,31}$")]
    private static partial Regex PhonePattern();
}
