using Amani.Platform.Access;

namespace Amani.Register.Imports;

/// <summary>The Imports module's permission and who holds it (see <see cref="AccessCatalog"/>).</summary>
public static class ImportPermissions
{
    extension(Permission)
    {
        public static Permission ImportsRun => new("imports:run", platformWide: true);
    }

    public static IEnumerable<PermissionGrant> Grants => [PermissionGrant.To(Permission.ImportsRun, Role.Administrator)];
}
