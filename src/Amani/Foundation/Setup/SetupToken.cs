using Amani.Platform.Audit;
namespace Amani.Foundation.Setup;

/// <summary>A one-time token, printed at first start, with which the first administrator is created.</summary>
public sealed class SetupToken
{
    /// <summary>What audit rows about these records name (<c>setup_token</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("setup_token");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
