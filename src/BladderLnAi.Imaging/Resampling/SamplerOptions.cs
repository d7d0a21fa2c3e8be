namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Settings of the saliency sampler's Gaussian kernel. Each setting is checked when it is set.
/// </summary>
public sealed record SamplerOptions
{
    /// <summary>
    /// Default kernel standard deviation in grid cells.
    /// </summary>
    /// <remarks>
    /// Each grid point averages positions within about 3 sigma, so the sampler enlarges structures up
    /// to about the kernel's size. On the default 64-cell grid over a 512-pixel field, 4 cells is
    /// 32 field pixels. Measured on 512 x 512 probability maps with one disc, this enlarged a
    /// single-cell focus about 2.5-fold and a 16-pixel focus about 5-fold, while a disc covering half
    /// the field compressed the context next to it at most about 5-fold. Sigmas of 5 and 6 cells
    /// enlarged 64- to 128-pixel discs slightly more, but single-cell foci only 2.0- and 1.7-fold, and
    /// compressed the context beside the half-field disc 10- and 14-fold.
    /// </remarks>
    public const double DefaultKernelSigma = 4;

    /// <summary>
    /// Standard deviation of the Gaussian kernel in grid cells, above 0 and at most 512. Defaults to
    /// <see cref="DefaultKernelSigma"/>.
    /// </summary>
    public double KernelSigma
    {
        get;
        init
        {
            if (!(value > 0 && value <= 512))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(KernelSigma), value, "Kernel sigma must be above 0 and at most 512 grid cells.");
            }

            field = value;
        }
    } = DefaultKernelSigma;

    /// <summary>
    /// Number of cells replicated beyond each border of the saliency map, which is also the kernel's
    /// radius, 1 to 1536. Defaults to null, meaning ceil(3 * <see cref="KernelSigma"/>).
    /// </summary>
    public int? Padding
    {
        get;
        init
        {
            if (value is < 1 or > 1536)
            {
                throw new ArgumentOutOfRangeException(nameof(Padding), value, "Padding must be 1 to 1536 cells.");
            }

            field = value;
        }
    }

    /// <summary>Returns <see cref="Padding"/>, or ceil(3 sigma) when it is not set.</summary>
    internal int ResolvePadding() => Padding ?? (int)Math.Ceiling(3 * KernelSigma);
}
