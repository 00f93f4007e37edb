namespace Amani.Platform.FollowUps.Pages;

/// <summary>How the follow-up pages write times (UTC, to the minute).</summary>
public static class FollowUpText
{
    public static string When(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
