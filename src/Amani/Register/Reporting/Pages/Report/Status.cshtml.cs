using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Amani.Register.Reporting.Pages.Report;

/// <summary>
/// A reporter follows a report by its tracking code (a form GET, so the page can be bookmarked): the public status and
/// the mission's replies, as <c>GET /api/v1/reports/{code}</c> gives them (<see cref="ReportTracking"/>), under the same
/// rate limit. A wrong code — malformed or unknown — gets one message, and a 404.
/// </summary>
[EnableRateLimiting(RateLimits.TrackingCodes)]
public sealed class StatusModel(AmaniDbContext db, IStringLocalizer<StatusModel> text) : PageModel
{
    public string? Code { get; private set; }
    public ReportStatusResponse? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code?.Trim();
        if (string.IsNullOrEmpty(Code))
            return Page();
        Report = await ReportTracking.FindAsync(db, Code, cancellationToken);
        if (Report is not null)
            return Page();
        Error = text["There is no report with this tracking code. Check it against the code you were given: 12 letters and digits, as XXXX-XXXX-XXXX."];
        return new PageResult { StatusCode = StatusCodes.Status404NotFound };
    }

    /// <summary>The status in words a reporter understands, with what it means.</summary>
    public (string Name, string Meaning) Describe(PublicReportStatus status) => status switch
    {
        PublicReportStatus.Received => (text["Received"], text["Your report has arrived and is waiting to be read by the mission."]),
        PublicReportStatus.UnderReview => (text["Under review"], text["The mission is looking into your report."]),
        PublicReportStatus.Verified => (text["Verified"], text["The mission has confirmed what you reported."]),
        PublicReportStatus.ActionTaken => (text["Action taken"], text["The mission is acting on what you reported."]),
        _ => (text["Closed"], text["The mission has finished working on your report."]),
    };
}
