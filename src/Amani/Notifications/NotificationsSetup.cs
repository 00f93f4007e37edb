namespace Amani.Notifications;

public static class NotificationsSetup
{
    /// <summary>
    /// Notifications for every module (<see cref="Notifier"/>), the in-app list, preferences, and delivery: the e-mail
    /// outbox and its sender (SMTP, <see cref="SmtpOptions"/>) with the daily digests. SMS go through the SMS outbox.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, NotificationSettings? settings = null)
    {
        services.AddSingleton(settings ?? NotificationSettings.FromEnvironment());
        services.AddOptions<SmtpOptions>().Configure(options =>
        {
            var environment = SmtpOptions.FromEnvironment();
            options.Host = environment.Host;
            options.Port = environment.Port;
            options.Security = environment.Security;
            options.Username = environment.Username;
            options.Password = environment.Password;
            options.From = environment.From;
        });
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
