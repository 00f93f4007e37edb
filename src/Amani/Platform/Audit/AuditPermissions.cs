using Amani.Platform.Access;

namespace Amani.Platform.Audit;

/// <summary>The audit log's permission and who holds it (see <see cref="AccessCatalog"/>).</summary>
public static class AuditPermissions
{
    extension(Permission)
    {
        public static Permission AuditRead => new("audit:read", platformWide: true);
    }

    public static IEnumerable<PermissionGrant> Grants => [PermissionGrant.To(Permission.AuditRead, Role.Administrator)];
}
