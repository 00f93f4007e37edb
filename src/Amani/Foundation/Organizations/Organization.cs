using Amani.Platform.Audit;
namespace Amani.Foundation.Organizations;

public enum OrganizationKind { MissionComponent, UnAgency, Ngo, LocalAuthority, Donor, CommunityGroup }

/// <summary>A body that works with the mission; organisations form a hierarchy through <see cref="ParentId"/>.</summary>
public sealed class Organization
{
    /// <summary>What audit rows about these records name (<c>organization</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("organization");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Acronym { get; set; }
    public OrganizationKind Kind { get; set; }
    public Guid? ParentId { get; set; }
    public DateTime CreatedAt { get; set; }
}
