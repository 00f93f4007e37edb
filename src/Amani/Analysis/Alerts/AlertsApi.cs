using Amani.Platform.Records;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Alerts;

/// <summary>
/// Alerts and the response to them: the mission's list (filters: status, severity, area, overdue), one alert with its
/// evidence, log and notifications, its moves (409 listing the allowed ones when a move is not allowed), response
/// actions, and its owner. Moves and assignment need the alert's ETag in If-Match; actions are only ever added.
/// </summary>
public static class AlertsApi
{
    public const int MaxPageSize = Paging.MaxPageSize;

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapAlertRulesApi();
        api.MapGroup("/missions/{code}/alerts").WithTags("Alerts").MapGet("/", List).WithName("ListAlerts").RequirePermission(Permission.AlertsRead);
        var alerts = api.MapGroup("/alerts/{id:guid}").WithTags("Alerts");
        alerts.MapGet("/", Get).WithName("GetAlert").RequirePermission(Permission.AlertsRead);
        alerts.MapPost("/transitions", Transition).WithName("TransitionAlert").RequirePermission(AlertWorkflow.Moves.Permission);
        alerts.MapPost("/actions", RecordAction).WithName("RecordAlertAction").RequirePermission(Permission.AlertsRespond);
        alerts.MapPost("/assignment", Assign).WithName("AssignAlert").RequirePermission(Permission.AlertsRespond);
        api.MapCapFeed();
        return api;
    }

    private static async Task<Results<Ok<AlertPage>, ProblemHttpResult, ValidationProblem>> List(string code, AmaniDbContext db, AccessContext access,
        TimeProvider clock, CancellationToken cancellationToken, string? status = null, string? severity = null, string? area = null, bool? overdue = null,
        string? cursor = null, int? limit = null)
    {
        if (await AlertRulesApi.MissionAsync(db, access, code, Permission.AlertsRead, cancellationToken) is not var (mission, scope))
            return Problem.NotFound($"The mission '{code}'");
        if (!IncidentQueries.TryParse<AlertStatus>(status, out var wantedStatus))
            return Problem.Invalid("status", $"Give one of: {Names<AlertStatus>()}.");
        if (!IncidentQueries.TryParse<AlertSeverity>(severity, out var wantedSeverity))
            return Problem.Invalid("severity", $"Give one of: {Names<AlertSeverity>()}.");
        var now = clock.GetUtcNow().UtcDateTime;
        var query = scope.Filter(db.Set<Alert>().AsNoTracking());
        if (wantedStatus is { } s)
            query = query.Where(a => a.Status == s);
        if (wantedSeverity is { } v)
            query = query.Where(a => a.Severity == v);
        if (!string.IsNullOrWhiteSpace(area))
        {
            var path = await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.PCode == area.Trim()).Select(a => a.Path).FirstOrDefaultAsync(cancellationToken);
            if (path is null)
                return Problem.Invalid("area", $"There is no area {area} in {mission.Code}.");
            query = query.Where(a => db.Set<AdminArea>().Any(x => x.Id == a.AreaId && x.Path.StartsWith(path)));
        }
        if (overdue is { } late)
            query = late
                ? query.Where(a => a.Status != AlertStatus.Resolved && a.Status != AlertStatus.FalseAlarm && a.DeadlineAt < now)
                : query.Where(a => a.Status == AlertStatus.Resolved || a.Status == AlertStatus.FalseAlarm || a.DeadlineAt >= now);
        if (cursor is not null)
        {
            if (!Paging.TryParseCursor(cursor, out var after))
                return Problem.Invalid("cursor", "The cursor is not one this server gave out; start again without it.");
            query = query.Where(a => a.RaisedAt < after.At || (a.RaisedAt == after.At && a.Id.CompareTo(after.Id) < 0));
        }
        var size = Paging.Size(limit);
        var rows = await query.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        return TypedResults.Ok(new AlertPage(await AlertViews.SummariesAsync(db, mission, page, now, cancellationToken),
            rows.Count > size ? Paging.Cursor(page[^1].RaisedAt, page[^1].Id) : null));
    }

    private static async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> Get(Guid id, AmaniDbContext db, AccessContext access, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, id, Permission.AlertsRead, tracked: false, cancellationToken) is not var (mission, alert))
            return Problem.NotFound($"The alert {id}");
        http.Response.Headers.ETag = Versioning.ETag(alert.Version);
        return TypedResults.Ok(await AlertViews.DetailAsync(db, access, mission, alert, clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    private static async Task<Results<Ok<AlertResponse>, ProblemHttpResult, ValidationProblem>> Transition(Guid id, AlertTransitionRequest request,
        AmaniDbContext db, AccessContext access, AlertResponder responder, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, id, Permission.AlertsRespond, tracked: true, cancellationToken) is not var (mission, alert))
            return Problem.NotFound($"The alert {id}");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the alert's ETag in If-Match (GET the alert to read it).");
        return await AnswerAsync(http, db, access, mission, clock,
            await responder.TransitionAsync(alert, expected, request, access.UserId!.Value, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<AlertEventResponse>, ProblemHttpResult, ValidationProblem>> RecordAction(Guid id, AlertActionRequest request,
        AmaniDbContext db, AccessContext access, AlertResponder responder, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, id, Permission.AlertsRespond, tracked: true, cancellationToken) is not var (_, alert))
            return Problem.NotFound($"The alert {id}");
        var outcome = await responder.RecordActionAsync(alert, request, access.UserId!.Value, cancellationToken);
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        var entry = await db.Set<AlertEvent>().AsNoTracking().Where(e => e.AlertId == id && e.Kind == AlertEventKind.Action)
            .OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id).FirstAsync(cancellationToken);
        http.Response.Headers.ETag = Versioning.ETag(alert.Version);
        return TypedResults.Created($"/api/v1/alerts/{id}",
            new AlertEventResponse(entry.Id, entry.Kind, entry.FromStatus, entry.ToStatus, entry.Actor, entry.ActorUserId, entry.Text, entry.At, entry.RecordedAt));
    }

    private static async Task<Results<Ok<AlertResponse>, ProblemHttpResult, ValidationProblem>> Assign(Guid id, AlertAssignmentRequest request,
        AmaniDbContext db, AccessContext access, AlertResponder responder, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, access, id, Permission.AlertsRespond, tracked: true, cancellationToken) is not var (mission, alert))
            return Problem.NotFound($"The alert {id}");
        if (Versioning.IfMatch(http.Request) is not { } expected)
            return Problem.Of(ProblemType.PreconditionRequired, "Send the alert's ETag in If-Match (GET the alert to read it).");
        return await AnswerAsync(http, db, access, mission, clock,
            await responder.AssignAsync(alert, expected, request.UserId, access.UserId!.Value, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Ok<AlertResponse>, ProblemHttpResult, ValidationProblem>> AnswerAsync(HttpContext http, AmaniDbContext db,
        AccessContext access, Mission mission, TimeProvider clock, Outcome<Alert> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Refusal is { } refusal)
            return Problem.Of(refusal);
        var alert = outcome.Value!;
        http.Response.Headers.ETag = Versioning.ETag(alert.Version);
        return TypedResults.Ok(await AlertViews.DetailAsync(db, access, mission, alert, clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    /// <summary>The alert and its mission if the caller's scope for <paramref name="permission"/> covers it (else null: answer 404).</summary>
    private static async Task<(Mission, Alert)?> FindAsync(AmaniDbContext db, AccessContext access, Guid id, Permission permission, bool tracked,
        CancellationToken cancellationToken)
    {
        var query = db.Set<Alert>().Where(a => a.Id == id);
        var alert = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        if (alert is null || await AlertScope.ForAsync(db, access, alert.MissionId, permission, cancellationToken) is not { } scope || !scope.Concerns(alert.AreaId))
            return null;
        return (await db.Missions.AsNoTracking().FirstAsync(m => m.Id == alert.MissionId, cancellationToken), alert);
    }

    private static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}
