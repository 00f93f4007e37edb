using Amani.Platform.Access;

namespace Amani.Register.Attachments;

/// <summary>The Attachments module's permission and who holds it (see <see cref="AccessCatalog"/>). Downloading a photo's original (EXIF: GPS position, time, camera serial — which can point at the reporter) is kept from administrators: analysts and duty officers, who verify incidents, hold it; each download is audited.</summary>
public static class AttachmentPermissions
{
    extension(Permission)
    {
        public static Permission AttachmentsOriginal => new("attachments:original");
    }

    public static IEnumerable<PermissionGrant> Grants => [PermissionGrant.To(Permission.AttachmentsOriginal, Role.Analyst, Role.DutyOfficer)];
}
