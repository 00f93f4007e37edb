using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amani.Platform.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amani.Tests.Platform.Notifications;

/// <summary>
/// A real SMTP server on 127.0.0.1 for one test: Debian's aiosmtpd (python3-aiosmtpd, run by /usr/bin/python3; ./test.sh
/// installs it) with the handler of <c>smtp_sink.py</c>, which writes each accepted message to a folder, or refuses
/// every message with 550. The port is chosen free when the sink is made and stays the same across
/// <see cref="StartAsync"/> and <see cref="StopAsync"/>: before the first start the "server is down" (port closed).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Platform", "Notifications", "smtp_sink.py");
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "amani-smtp-sink", Guid.NewGuid().ToString("N"));

    /// <summary>The services of a test app that sends its e-mail here, with background delivery off (tests call the sender).</summary>
    public Action<IServiceCollection> Services(int maxAttempts = 3) => services =>
    {
        services.AddSingleton(new NotificationSettings { DeliverInBackground = false, MaxEmailAttempts = maxAttempts });
        services.Configure<SmtpOptions>(options =>
        {
            options.Host = "127.0.0.1";
            options.Port = Port;
            options.Security = SmtpSecurity.None;
            options.Username = null;
            options.Password = null;
            options.From = "Amani <amani@test.amani.local>";
        });
    };

    public async Task StartAsync(bool refuse = false)
    {
        Directory.CreateDirectory(Folder);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { Script, Port.ToString(), Folder }.Concat(refuse ? ["--refuse"] : []))
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} {Script}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
            throw new InvalidOperationException($"The SMTP sink did not start (is python3-aiosmtpd installed? ./test.sh installs it): " +
                                                await _process.StandardError.ReadToEndAsync(timeout.Token));
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        _process.StandardInput.Close(); // the sink stops when its standard input closes
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message the sink accepted so far, in the order of arrival.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(file => MimeMessage.Load(file)).ToList()
        : [];

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
