using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator whose sequence is fixed by its definition, so
/// models trained with a seed stay the same on every .NET version and machine (System.Random promises no such thing).
/// </summary>
public struct SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL, Mix1 = 0xBF58476D1CE4E5B9UL, Mix2 = 0x94D049BB133111EBUL;

    private ulong _state = seed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => Mix(_state += Gamma);

    /// <summary>
    /// The next <c>destination.Length</c> values, exactly as that many <see cref="NextUInt64"/> calls give them. The
    /// k-th value is a function of the state plus k·γ alone, so eight are computed at once where vectors allow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(Span<ulong> destination)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated && destination.Length >= Vector512<ulong>.Count)
        {
            var states = Vector512.Create(_state) + Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8) * Gamma;
            var step = Vector512.Create(Gamma * (ulong)Vector512<ulong>.Count);
            for (; i <= destination.Length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
            {
                var z = states;
                z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Mix1;
                z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Mix2;
                (z ^ Vector512.ShiftRightLogical(z, 31)).CopyTo(destination[i..]);
                states += step;
            }
            _state += Gamma * (ulong)i;
        }
        for (; i < destination.Length; i++)
            destination[i] = NextUInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>) (tiny modulo bias, irrelevant for sampling features).</summary>
    public int Next(int low, int high) => low + (int)(NextUInt64() % (ulong)(high - low));
}
