namespace Amani.Platform.Notifications;

/// <summary>The stable names of what users are notified of (stored in <see cref="Notification.Kind"/>; never rename one).</summary>
public static class NotificationKinds
{
    public const string AlertRaised = "alert-raised";
    public const string AlertAssigned = "alert-assigned";
    public const string AlertEscalated = "alert-escalated";
    public const string FollowUpReminder = "follow-up-reminder";
    public const string FollowUpOverdue = "follow-up-overdue";
}

/// <summary>A text in each language of the notifications.</summary>
public sealed record LocalizedText(string En, string Fr)
{
    public string In(string language) => language == NotificationLanguages.French ? Fr : En;
}

/// <summary>
/// What to tell users: a kind (<see cref="NotificationKinds"/>), a subject and a body in English and French, and the
/// path of the record in the app. Build the texts from what every recipient may read: never a reporter's identity.
/// </summary>
public sealed record Notice(string Kind, LocalizedText Subject, LocalizedText Body, string? Link);
