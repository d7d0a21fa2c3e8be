using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Training.Datasets;

/// <summary>
/// Warps a training image and its mask into one composite patch with the analysis's own resampler
/// (<see cref="SaliencyBuilder"/>, <see cref="SaliencySampler"/> and <see cref="GridSampler"/>), so that training
/// composites look like the ones the resampled pass sees.
/// </summary>
public static class TrainingPairResampler
{
    /// <summary>
    /// Builds the saliency map of a field from a tumour mask at the network input size. The mask takes the place of
    /// the uniform pass's probability map, so blobs get the same weighting and the context the same floor as in the
    /// analysis.
    /// </summary>
    public static SaliencyMap BuildSaliency(BinaryMask mask, SaliencyOptions options)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(options);
        return SaliencyBuilder.Build(MaskRasters.ToFloat(mask), options);
    }

    /// <summary>
    /// Samples <paramref name="source"/> and <paramref name="sourceMask"/>, which both cover the whole field (at any
    /// resolutions), through <paramref name="grid"/> into a composite image and mask of
    /// <paramref name="size"/> x <paramref name="size"/> pixels. The mask is interpolated bilinearly like the image
    /// and then thresholded at 0.5.
    /// </summary>
    public static (RgbImage Image, BinaryMask Mask) Sample(RgbImage source, BinaryMask sourceMask, SamplingGrid grid, int size)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceMask);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var image = new RgbImage(size, size);
        GridSampler.SampleRgb(source, grid, image);
        var mask = new FloatMap(size, size);
        GridSampler.SampleMap(MaskRasters.ToFloat(sourceMask), grid, mask);
        return (image, MaskRasters.Threshold(mask));
    }
}
