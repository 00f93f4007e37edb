using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Amani.Tests.Platform.Hosting;

/// <summary>
/// The README's first command (its "Quick start"), end to end: the real <c>Amani serve</c> process on an empty data directory creates its
/// SQLite database, seeds the demo, prints a fresh password once, and that password signs in.
/// </summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task Serve_on_an_empty_data_directory_seeds_the_demo_and_prints_a_working_password()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-quickstart-").FullName;
        var port = FreePort();
        var output = new StringBuilder();
        using var server = Start($"serve --data-dir \"{dataDirectory}\" --urls http://127.0.0.1:{port}", output);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(client, server, output);

            var password = Regex.Match(Text(output), @"shown only now\): (\S+)").Groups[1].Value;
            Assert.True(password.Length >= 20, Text(output));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "amani.db")));
            var login = await client.PostAsJsonAsync("/api/v1/account/login", new { email = "administrator@demo.amani.local", password });
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
            var areas = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/missions/MINUSCA/areas");
            Assert.Equal(90, areas.GetArrayLength());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_demo_serve_prints_a_one_time_set_up_token_and_logs_json()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-setup-").FullName;
        var port = FreePort();
        var output = new StringBuilder();
        using var server = Start($"serve --data-dir \"{dataDirectory}\" --urls http://127.0.0.1:{port}", output,
            new() { ["AMANI_DEMO"] = "false", ["AMANI_LOG_FORMAT"] = "json" });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(client, server, output, "amani_setup_");

            var token = Regex.Match(Text(output), @"amani_setup_[a-z2-7]+").Value;
            var setup = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = token, email = "first@mission.example", password = "orchard lantern under seventeen kites" });
            Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
            var again = await client.PostAsJsonAsync("/api/v1/setup", new { setupToken = token, email = "second@mission.example", password = "orchard lantern under seventeen kites" });
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent,
                (await client.PostAsJsonAsync("/api/v1/account/login", new { email = "first@mission.example", password = "orchard lantern under seventeen kites" })).StatusCode);

            var logLines = Text(output).Split('\n').Where(l => l.StartsWith('{')).ToList();
            Assert.NotEmpty(logLines);
            Assert.All(logLines, line => Assert.True(System.Text.Json.JsonDocument.Parse(line).RootElement.TryGetProperty("Category", out _)));
            Assert.DoesNotContain("shown only now", Text(output));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Process Start(string arguments, StringBuilder output, Dictionary<string, string>? environment = null)
    {
        var amani = Path.Combine(AppContext.BaseDirectory, "Amani.dll");
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet", $"\"{amani}\" {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                Environment = { ["AMANI_DATABASE"] = "", ["AMANI_DATA_DIR"] = "", ["AMANI_DEMO"] = "" },
            },
        };
        foreach (var (name, value) in environment ?? [])
            process.StartInfo.Environment[name] = value;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server, StringBuilder output, string printed = "shown only now")
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode && Text(output).Contains(printed, StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        Assert.Fail($"The server did not become ready:\n{Text(output)}");
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
