using Amani.Platform.Audit;
using Amani.Platform.Access;

namespace Amani.Foundation.Users;

/// <summary>
/// A role held by a user, scoped to a mission, an area subtree of that mission, or an organisation.
/// A null <see cref="MissionId"/> means every mission.
/// </summary>
public sealed class RoleAssignment
{
    /// <summary>What audit rows about these records name (<c>role_assignment</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("role_assignment");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Role Role { get; set; }
    public Guid? MissionId { get; set; }
    public Guid? AreaId { get; set; }
    public Guid? OrganizationId { get; set; }
    public DateTime GrantedAt { get; set; }
}
