using Amani.Analysis.Forecasting.Learning;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>The radix sort behind the learner's bins gives the values in the order a comparison sort gives them.</summary>
public sealed class SortKeyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5_000)]
    public void Radix_sorting_gives_the_values_of_a_comparison_sort_and_moves_the_payload_along(int count)
    {
        var random = new SplitMix64(99);
        float[] special = [0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1f, -1f, 120f, 0.5f];
        var values = Enumerable.Range(0, count).Select(i => i % 7 == 0
            ? special[i % special.Length]
            : (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)))).ToArray();
        var keys = values.Select(SortKey.Of).ToArray();
        var rows = Enumerable.Range(0, count).ToArray();

        SortKey.Sort(keys, rows);

        var expected = values.Order().ToArray();
        Assert.Equal(expected, keys.Select(SortKey.ValueOf).ToArray()); // equal as floats (−0 == +0)
        Assert.Equal(keys.Select(SortKey.ValueOf), rows.Select(r => values[r])); // each value with its row
        Assert.Equal(values.Select(v => BitConverter.SingleToInt32Bits(v)).Order(), keys.Select(k => BitConverter.SingleToInt32Bits(SortKey.ValueOf(k))).Order());
        Assert.Equal(Enumerable.Range(0, count), rows.Order()); // a permutation
    }
}
