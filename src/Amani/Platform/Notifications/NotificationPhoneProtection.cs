using Amani.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Notifications;

/// <summary>
/// Encrypts the phone number a user gives for SMS notifications, as reporters' contacts are
/// (<see cref="Reporting.ContactProtection"/>: ASP.NET Core Data Protection, keys in the database key ring), under its
/// own purpose string.
/// </summary>
public sealed class NotificationPhoneProtection(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Amani.Platform.Notifications.Phone.v1");

    public string? Protect(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : _protector.Protect(phone.Trim());

    public string? Unprotect(string? protectedPhone) => protectedPhone is null ? null : _protector.Unprotect(protectedPhone);

    /// <summary>The user's notification phone number, decrypted; null when they gave none.</summary>
    public async Task<string?> PhoneOfAsync(AmaniDbContext db, Guid userId, CancellationToken cancellationToken) =>
        Unprotect(await db.Set<NotificationPreferences>().AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => p.PhoneProtected).FirstOrDefaultAsync(cancellationToken));
}
