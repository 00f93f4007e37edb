using Amani.Platform.Audit;
namespace Amani.Foundation.Tokens;

/// <summary>
/// A personal access token. Only the SHA-256 of the secret is stored; the secret is shown once at creation.
/// <see cref="Scopes"/> is a space-separated list of permission names; it narrows, never widens, the user's roles.
/// </summary>
public sealed class AccessToken
{
    /// <summary>What audit rows about these records name (<c>access_token</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("access_token");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the secret, to recognise a token in lists.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public required string Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
