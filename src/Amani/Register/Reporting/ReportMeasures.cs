using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>
/// What the computed indicators may count of the community reports: how many were received, the share answered within
/// N days, and the median days to the first answer — by the month (UTC) of receipt and the report's area (null when the
/// report names none). "Answered" is the first reply staff sent to the reporter (a <see cref="ReportMessage"/> to the
/// reporter). Reports are never public records, but these are counts without any text or identity, so a public indicator
/// counts them too (small-number suppression is the publishing page's). Reports are few: one row per report, read once
/// per computation. Changes are announced when a report is received (<see cref="ReportIntake"/>) and answered
/// (<see cref="ReportTriage.ReplyAsync"/>).
/// </summary>
public sealed class ReportMeasures : IMeasureSource
{
    public const string Name = "reports";

    public static readonly Measure Received = new("reports.received", Name,
        new("Community reports received", "Signalements communautaires reçus"),
        new("Number of community reports received in the period (web, web form and SMS), whatever became of them.",
            "Nombre de signalements communautaires reçus dans la période (web, formulaire et SMS), quelle que soit leur suite."),
        MeasureAggregation.Sum, "reports", null, []);

    public static readonly MeasureParameter Days = new("days", "Days allowed for the first answer", 7, 1, 365);

    public static readonly Measure AnsweredWithin = new("reports.answered-within", Name,
        new("Community reports answered within {days} days", "Signalements communautaires répondus sous {days} jours"),
        new("Community reports received in the period that staff first answered within {days} days of receipt, divided by the reports received in the period (a report not answered yet counts as not answered).",
            "Signalements reçus dans la période auxquels l'équipe a répondu pour la première fois dans les {days} jours suivant leur réception, divisés par les signalements reçus dans la période (un signalement encore sans réponse compte comme non répondu)."),
        MeasureAggregation.Share, "share", null, [Days]);

    public static readonly Measure DaysToFirstAnswer = new("reports.days-to-first-answer", Name,
        new("Days to the first answer to a community report", "Jours jusqu'à la première réponse à un signalement"),
        new("Median of the days from the receipt of a community report to the first answer staff sent its reporter, over the reports received in the period that were answered.",
            "Médiane des jours entre la réception d'un signalement et la première réponse de l'équipe à son auteur, sur les signalements reçus dans la période qui ont reçu une réponse."),
        MeasureAggregation.Median, "days", null, []);

    private readonly Dictionary<(Guid Mission, DateOnly From, DateOnly Until), IReadOnlyList<Row>> _read = [];

    public string Source => Name;

    public IReadOnlyList<Measure> Measures { get; } = [Received, AnsweredWithin, DaysToFirstAnswer];

    public async Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext db, Measure measure, MeasureRequest request, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(db, request, cancellationToken);
        switch (measure.Key)
        {
            case "reports.received":
                return rows.GroupBy(r => (Month: MonthOf(r.ReceivedAt), r.AreaId))
                    .Select(g => new MeasureFact(g.Key.Month, g.Key.AreaId, null, g.Count(), 1)).ToList();
            case "reports.answered-within":
                var days = measure.Resolve(request.Arguments)[Days.Name];
                return rows.GroupBy(r => (Month: MonthOf(r.ReceivedAt), r.AreaId))
                    .Select(g => new MeasureFact(g.Key.Month, g.Key.AreaId, null,
                        g.Count(r => r.FirstAnswerAt is { } answered && answered - r.ReceivedAt <= TimeSpan.FromDays(days)), g.Count()))
                    .ToList();
            case "reports.days-to-first-answer":
                return rows.Where(r => r.FirstAnswerAt is not null)
                    .Select(r => new MeasureFact(MonthOf(r.ReceivedAt), r.AreaId, null, Math.Max(0, (r.FirstAnswerAt!.Value - r.ReceivedAt).TotalDays), 1))
                    .ToList();
            default:
                throw new ArgumentException($"The reports do not compute '{measure.Key}'.", nameof(measure));
        }
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(AmaniDbContext db, MeasureRequest request, CancellationToken cancellationToken)
    {
        var key = (request.MissionId, request.From, request.Until);
        if (_read.TryGetValue(key, out var known))
            return known;
        var from = request.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = request.Until.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = await db.Set<CommunityReport>().AsNoTracking()
            .Where(r => r.MissionId == request.MissionId && r.ReceivedAt >= from && r.ReceivedAt < until)
            .Select(r => new Row(r.ReceivedAt, r.AreaId, db.Set<ReportMessage>()
                .Where(m => m.ReportId == r.Id && m.Direction == MessageDirection.ToReporter).Min(m => (DateTime?)m.At)))
            .ToListAsync(cancellationToken);
        _read[key] = rows;
        return rows;
    }

    internal static DateOnly MonthOf(DateTime time) => new(time.Year, time.Month, 1);

    private sealed record Row(DateTime ReceivedAt, Guid? AreaId, DateTime? FirstAnswerAt);
}
