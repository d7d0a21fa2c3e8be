using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Turns the uniform pass's probability map into the coarse saliency map that drives the sampler.
/// </summary>
public static class SaliencyBuilder
{
    /// <summary>
    /// Builds a <see cref="SaliencyOptions.GridSize"/>-square saliency map from a probability map.
    /// </summary>
    /// <remarks>
    /// <para>
    /// 1. Each grid cell takes the maximum probability of the field pixels it covers, so a focus of a
    /// few pixels survives the reduction. NaN probabilities are ignored.
    /// 2. Cells at or above <see cref="SaliencyOptions.Threshold"/> are suspicious, and 8-connected
    /// suspicious cells form a blob.
    /// 3. Blob b gets the weight w_b = clamp(A_k / area_b, 1, <see cref="SaliencyOptions.MaxBlobBoost"/>),
    /// where area_b is its size in cells and A_k = 2 pi sigma^2 is the effective area of the default
    /// sampler kernel (sigma = <see cref="SamplerOptions.DefaultKernelSigma"/> cells). A blob smaller
    /// than the kernel then pulls about as hard as one that fills it, so small blobs are not drowned by
    /// large ones, and the cap keeps a single cell from taking the whole patch. NOTE: the weights
    /// assume the default sigma, so a sampler run with another <see cref="SamplerOptions.KernelSigma"/>
    /// boosts small blobs more or less than intended.
    /// 4. A cell c of blob b gets saliency floor + w_b * p(c) / peak_b, so every blob peaks at
    /// floor + w_b whatever its probability. Every other cell gets the floor
    /// (<see cref="SaliencyOptions.ContextFloor"/>), which keeps context from being squeezed to nothing.
    /// </para>
    /// <para>
    /// A field without suspicious cells gets a uniform map, which the sampler turns into the identity grid.
    /// </para>
    /// </remarks>
    public static SaliencyMap Build(FloatMap probability, SaliencyOptions options)
    {
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentNullException.ThrowIfNull(options);

        var pooled = MaxPool(probability, options.GridSize);
        var suspicious = new BinaryMask(pooled.Width, pooled.Height);
        for (var i = 0; i < pooled.Values.Length; i++)
        {
            suspicious.Values[i] = pooled.Values[i] >= options.Threshold;
        }

        var labels = ConnectedComponents.Label(suspicious);
        var blobs = DescribeBlobs(pooled, labels, options.MaxBlobBoost);
        return new SaliencyMap(Compose(pooled, labels, blobs, options.ContextFloor), blobs);
    }

    /// <summary>
    /// Reduces the map to gridSize x gridSize cells by taking the maximum over each cell. Cell i covers
    /// pixels floor(i * W / G) to ceil((i + 1) * W / G) - 1. Cells therefore overlap by a pixel when
    /// the sizes do not divide, and each covers at least one pixel when the map is smaller than the grid.
    /// </summary>
    private static FloatMap MaxPool(FloatMap probability, int gridSize)
    {
        var pooled = new FloatMap(gridSize, gridSize);
        for (var cellY = 0; cellY < gridSize; cellY++)
        {
            var (y0, y1) = CellRange(cellY, gridSize, probability.Height);
            for (var cellX = 0; cellX < gridSize; cellX++)
            {
                var (x0, x1) = CellRange(cellX, gridSize, probability.Width);
                pooled[cellX, cellY] = MaxOver(probability, x0, x1, y0, y1);
            }
        }

        return pooled;
    }

    private static (int Start, int End) CellRange(int cell, int gridSize, int pixels)
    {
        var start = (int)((long)cell * pixels / gridSize);
        var end = (int)(((long)(cell + 1) * pixels + gridSize - 1) / gridSize);
        return (start, Math.Max(end, start + 1));
    }

    private static float MaxOver(FloatMap map, int x0, int x1, int y0, int y1)
    {
        var max = 0f;
        for (var y = y0; y < y1; y++)
        {
            foreach (var value in map.Row(y)[x0..x1])
            {
                if (value > max)
                {
                    max = value;
                }
            }
        }

        return max;
    }

    private static SalientBlob[] DescribeBlobs(FloatMap pooled, ComponentLabels labels, float maxBoost)
    {
        var peaks = new float[labels.Components.Count + 1];
        for (var i = 0; i < labels.Labels.Length; i++)
        {
            peaks[labels.Labels[i]] = Math.Max(peaks[labels.Labels[i]], pooled.Values[i]);
        }

        var kernelArea = 2 * Math.PI * SamplerOptions.DefaultKernelSigma * SamplerOptions.DefaultKernelSigma;
        double width = pooled.Width;
        double height = pooled.Height;
        return labels.Components
            .Select(c => new SalientBlob(
                c.Label,
                c.Area,
                peaks[c.Label],
                (float)Math.Clamp(kernelArea / c.Area, 1, maxBoost),
                c.MinX / width,
                c.MinY / height,
                (c.MaxX + 1) / width,
                (c.MaxY + 1) / height))
            .ToArray();
    }

    private static FloatMap Compose(FloatMap pooled, ComponentLabels labels, SalientBlob[] blobs, float floor)
    {
        var saliency = new FloatMap(pooled.Width, pooled.Height);
        for (var i = 0; i < saliency.Values.Length; i++)
        {
            var label = labels.Labels[i];
            saliency.Values[i] = label == 0
                ? floor
                : floor + blobs[label - 1].Weight * pooled.Values[i] / blobs[label - 1].Peak;
        }

        return saliency;
    }
}
