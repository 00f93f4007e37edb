using System.Buffers;
using System.Runtime.CompilerServices;

namespace Amani.Analysis.Forecasting.Learning;

/// <summary>
/// Sorting finite floats by radix: each float becomes an unsigned key in the same order (−0 just below +0, which compare
/// equal as floats), and keys are sorted with their payloads by three stable counting passes of 11, 11 and 10 bits — a
/// few linear passes instead of n log n comparisons, the same ascending sequence of values as a comparison sort.
/// </summary>
internal static class SortKey
{
    public static uint Of(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    public static float ValueOf(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);

    /// <summary>Sorts <paramref name="keys"/> ascending, moving <paramref name="payload"/> along (stable).</summary>
    public static void Sort(Span<uint> keys, Span<int> payload)
    {
        if (keys.Length != payload.Length)
            throw new ArgumentException("One payload per key.", nameof(payload));
        var n = keys.Length;
        var keyBuffer = ArrayPool<uint>.Shared.Rent(n);
        var payloadBuffer = ArrayPool<int>.Shared.Rent(n);
        var counts = new int[1 << 11];
        try
        {
            Span<uint> fromKeys = keys, toKeys = keyBuffer.AsSpan(0, n);
            Span<int> fromPayload = payload, toPayload = payloadBuffer.AsSpan(0, n);
            var inBuffer = false;
            foreach (var (shift, bits) in (ReadOnlySpan<(int, int)>)[(0, 11), (11, 11), (22, 10)])
            {
                if (!Pass(fromKeys, fromPayload, toKeys, toPayload, shift, (1u << bits) - 1, counts))
                    continue; // every key has the same digit here: nothing moves
                var keysWritten = toKeys;
                toKeys = fromKeys;
                fromKeys = keysWritten;
                var payloadWritten = toPayload;
                toPayload = fromPayload;
                fromPayload = payloadWritten;
                inBuffer = !inBuffer;
            }
            if (inBuffer)
            {
                fromKeys.CopyTo(keys);
                fromPayload.CopyTo(payload);
            }
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(keyBuffer);
            ArrayPool<int>.Shared.Return(payloadBuffer);
        }
    }

    /// <summary>One stable counting pass on the digit (key &gt;&gt; shift) &amp; mask; false (and nothing written) when all digits are equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Pass(ReadOnlySpan<uint> keys, ReadOnlySpan<int> payload, Span<uint> toKeys, Span<int> toPayload, int shift, uint mask, int[] counts)
    {
        var buckets = counts.AsSpan(0, (int)mask + 1);
        buckets.Clear();
        foreach (var key in keys)
            buckets[(int)((key >> shift) & mask)]++;
        if (keys.Length == 0 || buckets[(int)((keys[0] >> shift) & mask)] == keys.Length)
            return false;
        var sum = 0;
        for (var b = 0; b < buckets.Length; b++)
            (buckets[b], sum) = (sum, sum + buckets[b]);
        for (var i = 0; i < keys.Length; i++)
        {
            var at = buckets[(int)((keys[i] >> shift) & mask)]++;
            toKeys[at] = keys[i];
            toPayload[at] = payload[i];
        }
        return true;
    }
}
