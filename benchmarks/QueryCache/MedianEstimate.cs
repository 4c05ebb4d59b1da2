namespace QueryCacheBenchmarks;

/// <summary>
/// The median of a sample with its distribution-free 95 % confidence interval (the order statistics around it that a
/// binomial count puts there): how far the median of the seconds measured could be from the loop's true median, with
/// no assumption about the shape of a noisy machine's distribution.
/// </summary>
internal readonly record struct MedianEstimate(double Median, double Low, double High)
{
    public static MedianEstimate Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        // Normal approximation of Binomial(n, 1/2): the k-th smallest and the k-th largest bound the median at 95 %.
        var k = Math.Max(1, (int)Math.Floor((n - (1.96 * Math.Sqrt(n))) / 2));
        return new MedianEstimate(sorted[n / 2], sorted[Math.Min(k, n) - 1], sorted[Math.Max(n - k, 0)]);
    }
}
