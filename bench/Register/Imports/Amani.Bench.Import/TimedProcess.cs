using System.Diagnostics;
using System.Globalization;

namespace Amani.Bench.Import;

/// <summary>Runs a command under GNU time: wall seconds and peak resident memory (MB) of the process and its children.</summary>
public static class TimedProcess
{
    public sealed record Measurement(double Seconds, double PeakMegabytes, string Output);

    public static async Task<Measurement> RunAsync(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null)
    {
        var timeFile = Path.GetTempFileName();
        var info = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, file, .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = standardInput is not null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        var fields = (await File.ReadAllTextAsync(timeFile)).Trim().Split('\n')[^1].Split(' ');
        File.Delete(timeFile);
        return new Measurement(double.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture) / 1024.0,
            await output + await error);
    }
}
