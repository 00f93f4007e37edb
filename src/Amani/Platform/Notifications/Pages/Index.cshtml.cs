using Amani.Platform.Access;
using Amani.Platform.Notifications;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amani.Platform.Notifications.Pages;

/// <summary>
/// The signed-in user's notifications (newest first, in pages), marking them read, and their notification preferences
/// with the state of e-mail delivery — through <see cref="NotificationInbox"/> and <see cref="NotificationPreferencesEditor"/>, as the API.
/// </summary>
[SignedIn]
public sealed class IndexModel(NotificationInbox inbox, NotificationPreferencesEditor editor, AccessContext access,
    IStringLocalizer<IndexModel> text) : PageModel
{
    public NotificationPage Notifications { get; private set; } = new([], 0, null);
    public NotificationPreferencesResponse Preferences { get; private set; } = null!;
    public FormErrors Errors { get; } = new();
    /// <summary>What the last action did, carried over its redirect.</summary>
    [TempData] public string? Notice { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Sms { get; set; }
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public string? Phone { get; set; }

    private Guid UserId => access.UserId!.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await inbox.MarkReadAsync(UserId, id, cancellationToken))
            return NotFound();
        return RedirectToPage(new { before = Before });
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var marked = await inbox.MarkAllReadAsync(UserId, cancellationToken);
        Notice = text["{0} notification(s) marked read.", marked];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPreferencesAsync(CancellationToken cancellationToken)
    {
        var (_, errors) = await editor.PutAsync(UserId, new NotificationPreferencesRequest(Email, Sms, Language, Phone), cancellationToken);
        if (errors is null)
        {
            Notice = text["Your notification preferences are saved."];
            return RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            Errors.Add(field, string.Join(" ", messages));
        await LoadAsync(cancellationToken, keepForm: true);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task LoadAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        Notifications = await inbox.ListAsync(UserId, Before, 20, unreadOnly: false, cancellationToken);
        Preferences = await editor.GetAsync(UserId, cancellationToken);
        if (keepForm)
            return;
        Email = Preferences.Email;
        Sms = Preferences.Sms;
        Language = Preferences.Language;
        Phone = Preferences.Phone;
    }
}
