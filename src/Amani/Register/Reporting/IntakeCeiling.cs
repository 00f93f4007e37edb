using Amani.Platform.Access;
using Amani.Platform.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Register.Reporting;

/// <summary>
/// <c>POST /api/v1/bench/noop</c>: the framework's ceiling for the intake benchmark (bench/). It takes the same
/// anonymous request through the same pipeline as <c>POST /api/v1/reports</c> — routing, rate limiter, authentication,
/// JSON binding and validation of a <see cref="SubmitReportRequest"/>, a 201 with a JSON body — and stores nothing.
/// Mapped only when <c>AMANI_BENCH_NOOP=true</c>, so a production server does not carry it.
/// </summary>
public static class IntakeCeiling
{
    private const string Code = "0000-0000-0000";

    public static RouteGroupBuilder MapIntakeCeiling(this RouteGroupBuilder api)
    {
        if (((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<AmaniSettings>().BenchmarkNoop)
            api.MapPost("/bench/noop", Drop).WithName("BenchmarkNoop").RequireRateLimiting(RateLimits.Anonymous).ExcludeFromDescription();
        return api;
    }

    private static Created<SubmitReportResponse> Drop(SubmitReportRequest request) =>
        TypedResults.Created($"/api/v1/reports/{Code}", new SubmitReportResponse(Code, $"/api/v1/reports/{Code}"));
}
