namespace Amani.Register.Reporting.Sms;

/// <summary>The texts sent back by SMS, in English or French (the sender's keywords or <c>lang=</c> choose).</summary>
public sealed record SmsText(bool French)
{
    public static SmsText For(string? language) => new(language?.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true);

    public string Received(string code) => French
        ? $"Amani: rapport reçu. Votre code de suivi: {code}. Envoyez S {code} pour le suivi, M {code} + texte pour ajouter une information."
        : $"Amani: report received. Your tracking code: {code}. Send S {code} for its status, M {code} + text to add information.";

    public string Status(string code, PublicReportStatus status, string? lastReply) => (French
        ? $"Amani: rapport {code}: {Word(status)}."
        : $"Amani: report {code}: {Word(status)}.") + (lastReply is null ? "" : (French ? " Dernier message: " : " Latest message: ") + Clip(lastReply, 300));

    public string Added(string code) => French ? $"Amani: information ajoutée au rapport {code}. Merci." : $"Amani: information added to report {code}. Thank you.";

    public string UnknownCode(string code) => French
        ? $"Amani: aucun rapport avec le code {code}. Vérifiez le code."
        : $"Amani: there is no report with code {code}. Check the code.";

    public string Help(string problem) => French
        ? $"Amani: {problem}. Envoyez votre rapport en texte libre, ou: R lieu: ce qui s'est passé | S code (suivi) | M code texte (ajouter)."
        : $"Amani: {problem}. Send your report as text, or: R place: what happened | S code (status) | M code text (add information).";

    public string Refused(string reason) => French ? $"Amani: rapport non enregistré: {reason}" : $"Amani: report not stored: {reason}";

    public string Reply(string code, string body) => $"Amani {code}: {body}";

    private string Word(PublicReportStatus status) => (French, status) switch
    {
        (true, PublicReportStatus.Received) => "reçu",
        (true, PublicReportStatus.UnderReview) => "en cours d'examen",
        (true, PublicReportStatus.Verified) => "vérifié",
        (true, PublicReportStatus.ActionTaken) => "action en cours",
        (true, _) => "clos",
        (false, PublicReportStatus.Received) => "received",
        (false, PublicReportStatus.UnderReview) => "under review",
        (false, PublicReportStatus.Verified) => "verified",
        (false, PublicReportStatus.ActionTaken) => "action taken",
        _ => "closed",
    };

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
