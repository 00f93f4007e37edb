using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Amani.Platform.Cli;
using Xunit;

namespace Amani.Tests.Platform.Cli;

/// <summary>
/// Settings end to end, through the real <c>Amani</c> process and its environment: a refused value stops the command
/// with one line on stderr naming the variable; a good one is applied; the command line wins over the environment.
/// </summary>
public sealed class SettingsProcessTests
{
    [Theory]
    [InlineData("AMANI_ANONYMOUS_RATE_LIMIT", "abc", "AMANI_ANONYMOUS_RATE_LIMIT", "serve")]
    [InlineData("AMANI_LOG_FORMAT", "xml", "AMANI_LOG_FORMAT", "serve")]
    [InlineData("AMANI_SMTP_HOST", "mail.example.org", "AMANI_SMTP_FROM", "serve")]
    [InlineData("AMANI_ANONYMOUS_RATE_LIMIT", "abc", "AMANI_ANONYMOUS_RATE_LIMIT", "db migrate")]
    [InlineData("AMANI_IMPORT_MAX_BYTES", "-1", "AMANI_IMPORT_MAX_BYTES", "missions list")]
    public async Task A_refused_setting_stops_the_command_with_its_name_on_stderr(string variable, string value, string named, string command)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-settings-");
        try
        {
            using var process = Start($"{command} --data-dir \"{dataDirectory.FullName}\"", new() { [variable] = value });
            var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "amani did not stop");

            Assert.Equal(AmaniCli.InvalidSettingExitCode, process.ExitCode);
            var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: {named} ", line);
            Assert.Contains("it accepts", line);
            Assert.DoesNotContain("   at ", await output + line); // no stack trace
            Assert.False(File.Exists(Path.Combine(dataDirectory.FullName, "amani.db")), "the database was touched");
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_good_rate_limit_from_the_environment_is_applied_and_urls_from_the_command_line_win()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-settings-");
        var (port, environmentPort) = (FreePort(), FreePort());
        using var server = Start($"serve --data-dir \"{dataDirectory.FullName}\" --urls http://127.0.0.1:{port}", new()
        {
            ["AMANI_ANONYMOUS_RATE_LIMIT"] = "2", ["AMANI_DEMO"] = "false", ["AMANI_URLS"] = $"http://127.0.0.1:{environmentPort}",
        });
        var output = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(client, server, output);

            var login = new { email = "nobody@example.org", password = "not the password" };
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/account/login", login)).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/account/login", login)).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/account/login", login)).StatusCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync($"http://127.0.0.1:{environmentPort}/health/ready"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            dataDirectory.Delete(recursive: true);
        }
    }

    private static Process Start(string arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Amani.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AMANI_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        lock (output)
            Assert.Fail($"The server did not become ready:\n{output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
