using Amani.Platform.Hosting.Settings;
using Amani.Platform.Notifications;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Amani.Register.Reporting.Sms;

public static class SmsSetup
{
    /// <summary>
    /// The SMS webhooks' rate limit: a fixed window per gateway (not per address — a gateway posts from few addresses
    /// on behalf of many people), <see cref="SmsSettings.RequestsPerMinute"/> per minute.
    /// </summary>
    public const string RateLimit = "sms-gateways";

    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddSettings<SmsSettings>();
        services.AddScoped<SmsInbox>();
        services.AddScoped<SmsReplies>();
        services.AddSingleton<SmsOutboxSender>();
        services.AddSingleton<ISmsOutbox, NotificationSmsOutbox>(); // the platform's notifications send SMS through this outbox
        services.AddHostedService(provider => provider.GetRequiredService<SmsOutboxSender>());
        services.AddHttpClient<TwilioClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            (context.Request.Path.Value ?? "sms").ToLowerInvariant(),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<SmsSettings>().RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })));
        return services;
    }
}
