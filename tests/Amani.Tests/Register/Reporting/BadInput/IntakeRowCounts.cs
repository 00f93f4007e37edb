using System.Net;
using System.Text.Json;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Incidents;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting.BadInput;

/// <summary>
/// The rows a refused report or incident request could have written: reports, their messages, incidents (with their
/// status changes) and audit entries; the sums of the reports' and incidents' versions catch a change to one of them.
/// Taken before and after a bad request, the two must be equal.
/// </summary>
public sealed record IntakeRowCounts(int Reports, int ReportVersions, int Messages, int Incidents, int IncidentVersions, int StatusChanges,
    int AuditEntries)
{
    public static Task<IntakeRowCounts> TakeAsync(TestApp app) => app.WithDbAsync(async db => new IntakeRowCounts(
        await db.CommunityReports.CountAsync(),
        await db.CommunityReports.SumAsync(r => r.Version),
        await db.ReportMessages.CountAsync(),
        await db.Incidents.CountAsync(),
        await db.Incidents.SumAsync(i => i.Version),
        await db.IncidentStatusChanges.CountAsync(),
        await db.AuditEntries.CountAsync()));

    /// <summary>
    /// Sends <paramref name="send"/>, asserts a problem of <paramref name="status"/> and <paramref name="typeSlug"/>, and that
    /// nothing was written; returns the problem body.
    /// </summary>
    public static async Task<JsonElement> AssertRefusedAsync(TestApp app, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string typeSlug)
    {
        var before = await TakeAsync(app);
        var problem = await ProblemAssert.IsProblemAsync(await send(), status, typeSlug);
        Assert.Equal(before, await TakeAsync(app));
        return problem;
    }

    /// <summary>The messages of a validation problem for <paramref name="field"/> (as spelled in the JSON body).</summary>
    public static string FieldError(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors member in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }
}
