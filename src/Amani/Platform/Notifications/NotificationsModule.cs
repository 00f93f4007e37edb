using Amani.Platform.Hosting;
using Amani.Platform.Modules;

namespace Amani.Platform.Notifications;

/// <summary>Registers notifications (the in-app list, preferences, e-mail and SMS delivery): see <see cref="IAmaniModule"/>.</summary>
public sealed class NotificationsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddNotifications();

    public void MapApi(RouteGroupBuilder api) => api.MapNotificationsApi();
}
