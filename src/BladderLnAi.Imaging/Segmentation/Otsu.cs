namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// Otsu's threshold (N. Otsu, "A threshold selection method from gray-level histograms",
/// IEEE Trans. SMC 9(1), 1979): the grey level that maximises the between-class variance.
/// </summary>
public static class Otsu
{
    /// <summary>
    /// Computes the threshold of an 8-bit histogram. Levels at or below the returned value form the
    /// lower class and levels above it the upper class.
    /// </summary>
    /// <remarks>
    /// When several consecutive thresholds reach the same maximum (empty bins between two modes), the
    /// middle of that run is returned, so a two-peak histogram splits halfway between the peaks. A
    /// histogram with a single occupied level returns that level.
    /// </remarks>
    /// <param name="histogram256">Pixel counts for levels 0 to 255.</param>
    /// <exception cref="ArgumentException">
    /// The histogram does not have 256 bins, has a negative count or is empty.
    /// </exception>
    public static int Threshold(ReadOnlySpan<long> histogram256)
    {
        var (total, weightedSum) = Validate(histogram256);
        var bestVariance = -1.0;
        var firstBest = 0;
        var lastBest = 0;
        var lowerCount = 0.0;
        var lowerSum = 0.0;
        for (var t = 0; t < 255; t++)
        {
            lowerCount += histogram256[t];
            lowerSum += (double)t * histogram256[t];
            var variance = BetweenClassVariance(lowerCount, lowerSum, total, weightedSum);
            if (variance > bestVariance)
            {
                bestVariance = variance;
                firstBest = t;
                lastBest = t;
            }
            else if (variance == bestVariance && lastBest == t - 1)
            {
                lastBest = t;
            }
        }

        return bestVariance > 0 ? (firstBest + lastBest) / 2 : SingleOccupiedLevel(histogram256);
    }

    private static (double Total, double WeightedSum) Validate(ReadOnlySpan<long> histogram)
    {
        if (histogram.Length != 256)
        {
            throw new ArgumentException(
                $"An 8-bit histogram needs 256 bins but {histogram.Length} were given.", nameof(histogram));
        }

        var total = 0.0;
        var weightedSum = 0.0;
        for (var level = 0; level < 256; level++)
        {
            if (histogram[level] < 0)
            {
                throw new ArgumentException(
                    $"Histogram bin {level} has the negative count {histogram[level]}.", nameof(histogram));
            }

            total += histogram[level];
            weightedSum += (double)level * histogram[level];
        }

        if (total == 0)
        {
            throw new ArgumentException("The histogram is empty: all 256 bins are zero.", nameof(histogram));
        }

        return (total, weightedSum);
    }

    private static double BetweenClassVariance(double lowerCount, double lowerSum, double total, double weightedSum)
    {
        var upperCount = total - lowerCount;
        if (lowerCount == 0 || upperCount == 0)
        {
            return 0;
        }

        var meanDifference = lowerSum / lowerCount - (weightedSum - lowerSum) / upperCount;
        return lowerCount * upperCount * meanDifference * meanDifference;
    }

    private static int SingleOccupiedLevel(ReadOnlySpan<long> histogram)
    {
        for (var level = 0; level < 256; level++)
        {
            if (histogram[level] > 0)
            {
                return level;
            }
        }

        return 0;
    }
}
