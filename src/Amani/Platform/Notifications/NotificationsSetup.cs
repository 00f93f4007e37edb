using Amani.Platform.Hosting.Settings;

namespace Amani.Platform.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// Notifications for every module (<see cref="Notifier"/>), the in-app list, preferences, and delivery: the e-mail
    /// outbox and its sender (SMTP, <see cref="SmtpOptions"/>) with the daily digests. SMS go through the SMS outbox.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSettings<SmtpOptions>();
        services.AddSettings<NotificationSettings>();
        services.AddSingleton<NotificationPhoneProtection>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<NotificationPreferencesEditor>();
        services.AddScoped<DigestComposer>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<EmailOutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailOutboxSender>());
        return services;
    }
}
