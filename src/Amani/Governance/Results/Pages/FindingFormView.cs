namespace Amani.Governance.Results.Pages;

/// <summary>
/// What the finding form (<c>_FindingForm</c>) shows: the finding as stored or as typed, the assessment's version, the
/// indicators it may cite, and the refusal of its last post (its message, and whether it named the text or the evidence).
/// <paramref name="Handler"/> is <c>Finding</c> (a new one) or <c>EditFinding</c> (<paramref name="FindingId"/>).
/// </summary>
public sealed record FindingFormView(AssessmentModel.FindingForm Finding, int Version, IReadOnlyList<AssessmentModel.IndicatorChoice> Indicators,
    string? Error, string? TextInvalid, string? EvidenceInvalid, string Handler, Guid? FindingId)
{
    /// <summary>The prefix of the form's element ids, unique on the page.</summary>
    public string Prefix => FindingId is { } id ? $"finding-{id}" : "finding-new";
}
