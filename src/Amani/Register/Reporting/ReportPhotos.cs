using System.Security.Cryptography;
using System.Text;
using Amani.Register.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Register.Reporting;

/// <summary>
/// Photos sent with a community report (multipart form field <c>photos</c>). They are checked before the report is
/// validated, stored as blobs only once the report passed every rule, and their rows are written by
/// <see cref="ReportIntake"/> in the same transaction as the report and its audit row — an acknowledged report has all
/// its photos, a refused one has none.
/// </summary>
public sealed class ReportPhotos(PhotoUploads uploads)
{
    public const string Field = "photos";

    /// <summary>The checked photos of the request (none for a URL-encoded form), or the problem that refuses them.</summary>
    public static async Task<(IReadOnlyList<CheckedPhoto> Photos, ProblemHttpResult? Problem)> CheckAsync(HttpRequest request,
        CancellationToken cancellationToken) =>
        request.HasFormContentType && request.Form.Files.Count > 0
            ? await PhotoUploads.CheckAsync(request.Form.Files, cancellationToken)
            : ([], null);

    /// <summary>
    /// What <see cref="ReportSubmission"/> runs once the report passed its rules: stores the photos and hands them to the
    /// intake with the report. The idempotency fingerprint then covers the photos too, so a retry with other photos is a
    /// different report.
    /// </summary>
    public Func<NewReport, CancellationToken, Task<NewReport>>? Attach(IReadOnlyList<CheckedPhoto> photos) => photos.Count == 0 ? null :
        async (report, cancellationToken) =>
        {
            var stored = await uploads.StoreAsync(photos, cancellationToken);
            return report with
            {
                Attachments = stored,
                RequestFingerprint = report.RequestFingerprint is { } fingerprint
                    ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint + string.Concat(stored.Select(s => ":" + s.OriginalHash)))))
                    : null,
            };
        };
}
