using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// The saliency sampler of Recasens et al., "Learning to Zoom: a Saliency-Based Sampling Layer for
/// Neural Networks" (ECCV 2018), which turns a saliency map into a sampling grid that enlarges
/// salient regions and keeps their surroundings at a lower scale.
/// </summary>
public static class SaliencySampler
{
    /// <summary>
    /// Computes a sampling grid of the saliency map's size. Grid point x samples the source at
    /// u(x) = sum_x' S(x') k(x, x') x' / sum_x' S(x') k(x, x'), and likewise v, with k a Gaussian of
    /// <see cref="SamplerOptions.KernelSigma"/> cells truncated at the padding radius.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The saliency is padded by replicating its edge cells, and the source positions x' continue
    /// linearly into the padding. Without that, points near the border would average only inward
    /// positions and the whole grid would be pulled towards the centre. With it, a uniform saliency
    /// gives the identity grid, since every symmetric kernel window averages to its own centre.
    /// </para>
    /// <para>
    /// The Gaussian is separable, and x' depends only on the column and y' only on the row. The three
    /// sums are therefore two row convolutions, of S and S x', followed by three column convolutions,
    /// of S, S x' and S y'. Results are clamped to [0, 1]. A point whose whole kernel window has zero
    /// saliency samples its own position.
    /// </para>
    /// <para>
    /// NOTE: the padding replicates a blob that touches the field edge, so the blob pulls nearby grid
    /// points past the edge and the clamp squeezes them onto it. Composite pixels there repeat the
    /// field's edge pixels, and the grid may fold.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">A saliency value is negative, infinite or NaN.</exception>
    public static SamplingGrid ComputeGrid(FloatMap saliency, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(saliency);
        ArgumentNullException.ThrowIfNull(options);
        ValidateSaliency(saliency);

        var padding = options.ResolvePadding();
        var kernel = GaussianKernel(options.KernelSigma, padding);
        var padded = new PaddedSaliency(saliency, padding);
        var rowSums = padded.ConvolveRows(kernel);
        var rowWeightedSums = padded.ConvolveRowsWeightedByX(kernel);
        return ConvolveColumns(padded, rowSums, rowWeightedSums, kernel);
    }

    private static void ValidateSaliency(FloatMap saliency)
    {
        for (var i = 0; i < saliency.Values.Length; i++)
        {
            var value = saliency.Values[i];
            if (!(value >= 0f) || float.IsPositiveInfinity(value))
            {
                throw new ArgumentException(
                    $"Saliency at cell ({i % saliency.Width}, {i / saliency.Width}) is {value}, "
                    + "but saliency must be finite and not negative.",
                    nameof(saliency));
            }
        }
    }

    /// <summary>
    /// Returns exp(-k^2 / (2 sigma^2)) for k = -radius..radius, unnormalised because the sampler
    /// divides by the same kernel sum.
    /// </summary>
    private static double[] GaussianKernel(double sigma, int radius)
    {
        var kernel = new double[2 * radius + 1];
        for (var k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = Math.Exp(-k * k / (2 * sigma * sigma));
        }

        return kernel;
    }

    /// <summary>
    /// Convolves the row sums down the columns and divides, producing the grid. Row sums cover every
    /// padded row and the output columns.
    /// </summary>
    private static SamplingGrid ConvolveColumns(
        PaddedSaliency padded,
        double[] rowSums,
        double[] rowWeightedSums,
        double[] kernel)
    {
        var (width, height) = (padded.Width, padded.Height);
        var u = new float[width * height];
        var v = new float[u.Length];
        for (var j = 0; j < height; j++)
        {
            for (var i = 0; i < width; i++)
            {
                double denominator = 0, numeratorU = 0, numeratorV = 0;
                for (var k = 0; k < kernel.Length; k++)
                {
                    var paddedRow = j + k;
                    var weightedSum = kernel[k] * rowSums[paddedRow * width + i];
                    denominator += weightedSum;
                    numeratorU += kernel[k] * rowWeightedSums[paddedRow * width + i];
                    numeratorV += weightedSum * padded.PositionY(paddedRow);
                }

                var index = j * width + i;
                var (ownU, ownV) = ((i + 0.5) / width, (j + 0.5) / height);
                u[index] = (float)(denominator > 0 ? Math.Clamp(numeratorU / denominator, 0, 1) : ownU);
                v[index] = (float)(denominator > 0 ? Math.Clamp(numeratorV / denominator, 0, 1) : ownV);
            }
        }

        return new SamplingGrid(width, height, u, v);
    }
}
