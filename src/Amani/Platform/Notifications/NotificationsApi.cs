using Amani.Platform.Access;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Platform.Notifications;

/// <summary>
/// The signed-in user's own notifications and preferences. Nothing here reaches another user's: every query is
/// narrowed to the caller, and a notification of someone else is a 404.
/// </summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireSignedIn();
        notifications.MapGet("/", List).WithName("ListNotifications");
        notifications.MapGet("/unread-count", UnreadCount).WithName("UnreadNotificationCount");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead");
        notifications.MapPost("/read-all", MarkAllRead).WithName("MarkAllNotificationsRead");

        var preferences = api.MapGroup("/account/notification-preferences").WithTags("Notifications").RequireSignedIn();
        preferences.MapGet("/", GetPreferences).WithName("GetNotificationPreferences");
        preferences.MapPut("/", PutPreferences).WithName("PutNotificationPreferences");
        return api;
    }

    /// <summary>Newest first; <c>before</c> (the previous page's <c>nextBefore</c>) pages on, <c>unread=true</c> lists unread ones only.</summary>
    private static async Task<Ok<NotificationPage>> List(Guid? before, int? limit, bool? unread, AccessContext access, NotificationInbox inbox,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(access.UserId!.Value, before, limit, unread ?? false, cancellationToken));

    private static async Task<Ok<UnreadCountResponse>> UnreadCount(AccessContext access, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadCountResponse(await inbox.UnreadCountAsync(access.UserId!.Value, cancellationToken)));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, AccessContext access, NotificationInbox inbox,
        CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(access.UserId!.Value, id, cancellationToken) ? TypedResults.NoContent() : Problem.NotFound("The notification");

    private static async Task<Ok<MarkedReadResponse>> MarkAllRead(AccessContext access, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkedReadResponse(await inbox.MarkAllReadAsync(access.UserId!.Value, cancellationToken)));

    private static async Task<Ok<NotificationPreferencesResponse>> GetPreferences(AccessContext access, NotificationPreferencesEditor editor,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await editor.GetAsync(access.UserId!.Value, cancellationToken));

    private static async Task<Results<Ok<NotificationPreferencesResponse>, ValidationProblem>> PutPreferences(NotificationPreferencesRequest request,
        AccessContext access, NotificationPreferencesEditor editor, CancellationToken cancellationToken)
    {
        var (saved, errors) = await editor.PutAsync(access.UserId!.Value, request, cancellationToken);
        return errors is null
            ? TypedResults.Ok(saved!)
            : TypedResults.ValidationProblem(errors, detail: $"Invalid notification preferences: {string.Join(", ", errors.Keys)}.",
                title: ProblemType.Validation.Title, type: ProblemType.Validation.Type);
    }
}
