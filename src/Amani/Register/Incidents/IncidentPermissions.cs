using Amani.Platform.Access;

namespace Amani.Register.Incidents;

/// <summary>The Incidents module's permissions and who holds them (see <see cref="AccessCatalog"/>).</summary>
public static class IncidentPermissions
{
    extension(Permission)
    {
        public static Permission IncidentsRead => new("incidents:read");
        public static Permission IncidentsRecord => new("incidents:record");
        public static Permission IncidentsTriage => new("incidents:triage");
        /// <summary>Approves the publication of an incident's description that someone else asked for.</summary>
        public static Permission IncidentsPublish => new("incidents:publish");
    }

    public static IEnumerable<PermissionGrant> Grants =>
    [
        PermissionGrant.To(Permission.IncidentsRead, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.IncidentsRecord, Role.Administrator, Role.Analyst, Role.DutyOfficer, Role.FieldOfficer, Role.Partner),
        PermissionGrant.To(Permission.IncidentsTriage, Role.Administrator, Role.DutyOfficer),
        PermissionGrant.To(Permission.IncidentsPublish, Role.Administrator, Role.Analyst, Role.DutyOfficer),
    ];
}
