using Amani.Platform.Records;
using System.Globalization;
using System.Text;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Incidents;

public sealed record IncidentSummary(Guid Id, DateTime OccurredAt, DatePrecision OccurredPrecision, IncidentSource Source, string CategoryCode,
    IncidentStatus Status, Confidence Confidence, Confidentiality Confidentiality, double? Latitude, double? Longitude, string? PlaceName,
    Guid? AreaId, int? FatalitiesBest, string Description, int Version);

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, string? NextCursor);

/// <summary>
/// The incident list of a mission with filters, newest occurrence first, in pages. The cursor is the (occurred time,
/// id) of the last row seen, so pages stay stable while incidents are added.
/// </summary>
public static class IncidentQueries
{
    public const int MaxPageSize = Paging.MaxPageSize;

    public static async Task<Results<Ok<IncidentPage>, ProblemHttpResult, ValidationProblem>> ListAsync(string code, AmaniDbContext db,
        AccessContext access, CancellationToken cancellationToken, string? area = null, string? bbox = null, DateTimeOffset? from = null,
        DateTimeOffset? to = null, string? category = null, string? status = null, string? source = null,
        string? confidence = null, string? q = null, string? cursor = null, int? limit = null)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var page = await PageAsync(db, access, mission, new IncidentFilter(area, bbox, from, to, category, status, source, confidence, q), cursor, limit,
            cancellationToken);
        return page.Succeeded ? TypedResults.Ok(page.Value!) : Problem.Invalid(page.Field!, page.Error!);
    }

    /// <summary>
    /// One page of the incidents of <paramref name="mission"/> that the caller may see (<see cref="IncidentVisibility"/>),
    /// narrowed by <paramref name="filter"/>, after <paramref name="cursor"/>; or the invalid field. Shared by the API and the web pages.
    /// </summary>
    public static async Task<Result<IncidentPage>> PageAsync(AmaniDbContext db, AccessContext access, Mission mission, IncidentFilter filter,
        string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var visible = (await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken)).AsNoTracking();
        var filtered = await filter.ApplyAsync(visible, db, mission, cancellationToken);
        if (!filtered.Succeeded)
            return Result<IncidentPage>.Invalid(filtered.Field!, filtered.Error!);
        var query = filtered.Value!;
        if (cursor is not null)
        {
            if (!TryParseCursor(cursor, out var after))
                return Result<IncidentPage>.Invalid("cursor", "The cursor is not one this server gave out; start again without it.");
            query = query.Where(i => i.OccurredFrom < after.OccurredFrom || (i.OccurredFrom == after.OccurredFrom && i.Id.CompareTo(after.Id) < 0));
        }

        var size = Paging.Size(limit);
        var rows = await query.OrderByDescending(i => i.OccurredFrom).ThenByDescending(i => i.Id).Take(size + 1)
            .Select(i => new IncidentSummary(i.Id, i.OccurredFrom, i.OccurredPrecision, i.Source, i.CategoryCode, i.Status, i.Confidence,
                i.Confidentiality, i.Latitude, i.Longitude, i.PlaceName, i.AreaId, i.FatalitiesBest, i.Description, i.Version))
            .ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        return Result<IncidentPage>.Ok(new IncidentPage(page, rows.Count > size ? Cursor(page[^1]) : null));
    }

    /// <summary>
    /// Enum filters from the query string, case-insensitive, so the camelCase names the API writes ("triaged") are
    /// accepted back as well as "Triaged"; numbers are refused. Absent → null.
    /// </summary>
    internal static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (text.Trim().All(char.IsAsciiLetter) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var parsed))
            value = parsed;
        return value is not null;
    }

    internal static string Cursor(IncidentSummary last) => Cursor(last.OccurredAt, last.Id);

    internal static string Cursor(DateTime occurredAt, Guid id) => Paging.Cursor(occurredAt, id);

    internal static bool TryParseCursor(string text, out (DateTime OccurredFrom, Guid Id) after) => Paging.TryParseCursor(text, out after);
}
