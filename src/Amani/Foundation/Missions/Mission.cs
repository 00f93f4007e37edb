using Amani.Platform.Audit;
namespace Amani.Foundation.Missions;

/// <summary>A peace operation (or any deployment) whose data Amani holds. <see cref="Code"/> is its stable public key.</summary>
public sealed class Mission
{
    /// <summary>What audit rows about these records name (<c>mission</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("mission");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Short upper-case code such as <c>MINUSCA</c>; unique, used in URLs.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 3166-1 alpha-3 code of the host country.</summary>
    public required string CountryIso3 { get; set; }
    /// <summary>IANA time zone in which the mission's dates are shown (stored times are UTC).</summary>
    public required string TimeZone { get; set; }
    public DateTime CreatedAt { get; set; }
}
