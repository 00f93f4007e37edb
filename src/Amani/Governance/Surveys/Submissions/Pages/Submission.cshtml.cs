using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Amani.Governance.Surveys.Forms;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Submissions.Pages;

/// <summary>An answer as the page shows it: the question's label in the page's language, the value (a choice by its label), a link for a file.</summary>
public sealed record AnswerView(string Path, string Label, string? Value, string? Link);

/// <summary>
/// One submission: its answers with their labels in the page's language (the form's language whose name or code matches
/// the page's, else its default), each repeat's instances, its attachments (links to the attachment endpoint), the review
/// form (managers: the state, a comment, the version it was loaded at) and the comment form (anyone who sees it), and the
/// history. Works without script: each form posts and comes back here.
/// </summary>
[PagePermission("surveys:read")]
public sealed class SubmissionModel(SubmissionsAccess access, SubmissionReviews reviews, AmaniDbContext db) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public SurveyForm Form { get; private set; } = null!;
    public Submission Submission { get; private set; } = null!;
    public bool Manages { get; private set; }
    public IReadOnlyList<AnswerView> Answers { get; private set; } = [];
    /// <summary>Repeat path → its instances' answers.</summary>
    public IReadOnlyList<(string Repeat, IReadOnlyList<IReadOnlyList<AnswerView>> Instances)> Repeats { get; private set; } = [];
    public IReadOnlyList<SubmissionAttachment> Attachments { get; private set; } = [];
    public ReviewHistory History { get; private set; } = null!;
    public FormErrors Errors { get; } = new();
    public string AttachmentBase { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(string xmlFormId, string instanceId, CancellationToken cancellationToken) =>
        LoadAsync(xmlFormId, instanceId, cancellationToken, null);

    public Task<IActionResult> OnPostReviewAsync(string xmlFormId, string instanceId, string? state, string? comment, int version,
        CancellationToken cancellationToken) =>
        LoadAsync(xmlFormId, instanceId, cancellationToken, async user =>
            Manages ? (await reviews.ReviewAsync(Submission, version, new ReviewInput(state, comment), user, cancellationToken)).Refusal
                : Refusal.NotAllowed("Only those who manage the mission's surveys review submissions; you can comment on them."));

    public Task<IActionResult> OnPostCommentAsync(string xmlFormId, string instanceId, string? comment, CancellationToken cancellationToken) =>
        LoadAsync(xmlFormId, instanceId, cancellationToken, async user => (await reviews.CommentAsync(Submission, new CommentInput(comment), user, cancellationToken)).Refusal);

    private async Task<IActionResult> LoadAsync(string xmlFormId, string instanceId, CancellationToken cancellationToken, Func<Guid?, Task<Refusal?>>? change)
    {
        Mission = HttpContext.Mission();
        var (found, refused) = await access.FormAsync(Mission.Code, xmlFormId, cancellationToken);
        if (found is null)
            return PageAccess.Status(HttpContext, refused!.StatusCode);
        (Form, Manages) = (found.Form, found.Rights.Manages);
        if (await reviews.FindAsync(Form, instanceId, cancellationToken) is not { } submission)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Submission = submission;
        var status = StatusCodes.Status200OK;
        if (change is not null)
        {
            if (await change(found.Rights.UserId) is not { } refusal)
                return RedirectToPage(new { code = Mission.Code, xmlFormId, instanceId });
            Errors.Add(refusal.Field ?? "review", refusal.Message);
            status = refusal.Kind switch
            {
                RefusalKind.NotAllowed => StatusCodes.Status403Forbidden, RefusalKind.Stale => StatusCodes.Status412PreconditionFailed,
                RefusalKind.Conflict => StatusCodes.Status409Conflict, _ => StatusCodes.Status400BadRequest,
            };
            db.ChangeTracker.Clear();
            Submission = (await reviews.FindAsync(Form, instanceId, cancellationToken))!;
        }
        var version = await db.Set<FormVersion>().AsNoTracking().FirstAsync(v => v.Id == Submission.VersionId, cancellationToken);
        var info = JsonSerializer.Deserialize<FormInfo>(version.InfoJson)!;
        var language = Language(info);
        var repeats = SubmissionLayout.RepeatsOf(version.XForm).ToList();
        var binary = version.BinaryPaths.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        AttachmentBase = $"{SubmissionRows.AttachmentBase(Mission.Code, Form)}/{Uri.EscapeDataString(Submission.InstanceId)}/attachments/";
        var root = SubmissionLayout.Root(Submission.Xml);
        string? RepeatOf(string path) => repeats.Where(r => path.StartsWith(r + "/", StringComparison.Ordinal)).MaxBy(r => r.Length);
        List<AnswerView> AnswersIn(XElement element, string? repeat) => info.Fields
            .Select(f => (Field: f, Path: XFormPaths.RelativePath(f.Path)))
            .Where(f => f.Path != "meta/instanceID" && RepeatOf(f.Path) == repeat)
            .Select(f => Answer(f.Field, f.Path, SubmissionLayout.At(element, (repeat is null ? f.Path : f.Path[(repeat.Length + 1)..]).Split('/')).FirstOrDefault()?.Value.Trim(),
                language, binary.Contains(f.Path)))
            .ToList();
        Answers = AnswersIn(root, null);
        Repeats = repeats.Where(r => RepeatOf(r) is null)
            .Select(r => (r, (IReadOnlyList<IReadOnlyList<AnswerView>>)SubmissionLayout.At(root, r.Split('/')).Select(e => (IReadOnlyList<AnswerView>)AnswersIn(e, r)).ToList()))
            .ToList();
        Attachments = await db.Set<SubmissionAttachment>().AsNoTracking().Where(a => a.SubmissionId == Submission.Id).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        History = await reviews.HistoryAsync(Submission, false, cancellationToken);
        return status == StatusCodes.Status200OK ? Page() : new PageResult { StatusCode = status };
    }

    private AnswerView Answer(FormField field, string path, string? value, string? language, bool binary)
    {
        var label = Label(field.Labels, language) ?? field.Name;
        if (string.IsNullOrEmpty(value))
            return new AnswerView(path, label, null, null);
        if (binary)
            return new AnswerView(path, label, value, AttachmentBase + Uri.EscapeDataString(value));
        if (field.Choices.Count > 0)
            value = string.Join(", ", value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => field.Choices.FirstOrDefault(c => c.Name == v) is { } choice ? Label(choice.Labels, language) ?? v : v));
        return new AnswerView(path, label, value, null);
    }

    private static string? Label(IReadOnlyDictionary<string, string> labels, string? language) =>
        language is not null && labels.TryGetValue(language, out var text) ? text : labels.Values.FirstOrDefault();

    /// <summary>The form's language for the page's: <c>Français (fr)</c> for fr, else the form's default, else its first.</summary>
    private static string? Language(FormInfo info)
    {
        var code = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var name = CultureInfo.CurrentUICulture.NativeName;
        return info.Languages.FirstOrDefault(l => l.EndsWith($"({code})", StringComparison.OrdinalIgnoreCase)
                                                 || l.StartsWith(CultureInfo.GetCultureInfo(code).EnglishName, StringComparison.OrdinalIgnoreCase)
                                                 || l.StartsWith(name.Split(' ')[0], StringComparison.OrdinalIgnoreCase))
               ?? info.DefaultLanguage ?? info.Languages.FirstOrDefault();
    }
}
