using Amani.Platform.Hosting.Settings;

namespace Amani.Platform.Notifications;

public static class NotificationsSetup
{
    /// <summary>E-mail: the SMTP settings (<see cref="SmtpOptions"/>, as <c>IOptions&lt;SmtpOptions&gt;</c>), validated at start.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services.AddSettings<SmtpOptions>();
}
