using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Amani.Register.Reporting;

public sealed record ContactDetails(string? Phone, string? Email);

/// <summary>
/// Encrypts reporters' contact details at rest with ASP.NET Core Data Protection (AES-256-CBC + HMACSHA256, keys in
/// the database key ring, rotated every 90 days; old keys keep decrypting). The purpose string isolates these
/// ciphertexts from every other use of the key ring.
/// </summary>
public sealed class ContactProtection(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Amani.Register.Reporting.Contact.v1");

    public string? Protect(ContactDetails? contact) =>
        contact is null || (string.IsNullOrWhiteSpace(contact.Phone) && string.IsNullOrWhiteSpace(contact.Email))
            ? null
            : _protector.Protect(JsonSerializer.Serialize(contact));

    public ContactDetails? Unprotect(string? protectedContact) =>
        protectedContact is null ? null : JsonSerializer.Deserialize<ContactDetails>(_protector.Unprotect(protectedContact));
}
