namespace Amani.Platform.Access;

public static class RoleNames
{
    /// <summary>Parses a role name leniently: "DutyOfficer", "duty-officer", "duty_officer" and "dutyofficer" are the same.</summary>
    public static bool TryParse(string text, out Role role)
    {
        var compact = text.Replace("-", "").Replace("_", "").Replace(" ", "");
        return Enum.TryParse(compact, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(compact, out _);
    }
}
