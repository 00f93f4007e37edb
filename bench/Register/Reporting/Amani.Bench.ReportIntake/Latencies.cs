using System.Diagnostics;

namespace Amani.Bench;

/// <summary>What one load run measured: answers by outcome and the latency of every request, in stopwatch ticks.</summary>
public sealed record LoadResult(string Target, int Connections, TimeSpan Elapsed, long Succeeded, long Failed, long[] SortedTicks,
    IReadOnlyDictionary<string, long> FailureKinds)
{
    /// <summary>Server CPU time (user + system) per answered request, in microseconds, when measured.</summary>
    public double ServerCpuMicroseconds { get; init; } = double.NaN;
    public long Requests => Succeeded + Failed;
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);
    public double Max => SortedTicks.Length == 0 ? double.NaN : Milliseconds(SortedTicks[^1]);

    private double Percentile(double p) =>
        SortedTicks.Length == 0 ? double.NaN : Milliseconds(SortedTicks[Math.Min(SortedTicks.Length - 1, (int)Math.Ceiling(p * SortedTicks.Length) - 1)]);

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
