using Amani.Platform.Problems;
using Amani.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Amani.Tests.Platform.Problems;

/// <summary>
/// A key carried in a request's path (the OpenRosa server's app-user key: phones cannot send it in a header) never
/// reaches a log through the problem handler, for a refused request as for a bug.
/// </summary>
public sealed class LoggedPathTests
{
    private const string Key = "k3y-0f-an-app-user-Zx81";

    [Fact]
    public async Task The_problem_handler_logs_a_key_in_the_path_as_an_ellipsis()
    {
        var logs = new LogCapture();
        await using var services = new ServiceCollection().AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)).AddProblemDetails()
            .BuildServiceProvider();
        var handler = ActivatorUtilities.CreateInstance<ProblemExceptionHandler>(services);

        foreach (var exception in new Exception[] { new BadHttpRequestException("Unsupported content type", StatusCodes.Status415UnsupportedMediaType),
                     new InvalidOperationException("a bug") })
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = "POST";
            context.Request.Path = $"/api/v1/openrosa/key/{Key}/missions/CAR/submission";
            context.Response.Body = new MemoryStream();
            Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
        }

        var lines = string.Join("\n", logs.Lines);
        Assert.Contains("Rejected POST /api/v1/openrosa/key/…/missions/CAR/submission", lines);
        Assert.Contains("Unhandled exception for POST /api/v1/openrosa/key/…/missions/CAR/submission", lines);
        Assert.DoesNotContain(Key, lines);
    }
}
