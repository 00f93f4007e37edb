namespace Amani.Forecasting.Learning;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator whose sequence is fixed by its definition, so
/// models trained with a seed stay the same on every .NET version and machine (System.Random promises no such thing).
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>) (tiny modulo bias, irrelevant for sampling features).</summary>
    public int Next(int low, int high) => low + (int)(NextUInt64() % (ulong)(high - low));
}
