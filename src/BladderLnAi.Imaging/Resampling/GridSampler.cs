using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Resamples rasters through a <see cref="SamplingGrid"/>: forward into the composite patch, and back
/// from the composite onto the field. It is meant to serve both inference and training data
/// preparation, so that images, masks and probability maps are warped identically.
/// </summary>
public static partial class GridSampler
{
    /// <summary>
    /// Fills <paramref name="destination"/> (the composite, any size) by sampling
    /// <paramref name="source"/> bilinearly: destination pixel (x, y) takes the source at
    /// <see cref="SamplingGrid.Map"/>((x + 0.5) / width, (y + 0.5) / height). The source covers the
    /// whole field at any resolution, and samples beyond its outer pixel centres repeat the edge pixels.
    /// Rows run in parallel.
    /// </summary>
    /// <remarks>
    /// NOTE: there is no prefilter, so where the grid compresses a source that is finer than the
    /// composite, the composite aliases. Read the source at about the composite's resolution.
    /// </remarks>
    public static void SampleRgb(RgbImage source, SamplingGrid grid, RgbImage destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(destination);
        var columns = GridAxis.LocatePixelCentres(destination.Width, grid.Width);
        var rows = GridAxis.LocatePixelCentres(destination.Height, grid.Height);
        var extended = new ExtendedGrid(grid);
        Parallel.For(
            0,
            destination.Height,
            () => new BilinearRowSampler(new RowMapper(extended, columns)),
            (y, _, sampler) =>
            {
                sampler.SampleRgb(source, rows[y], destination.Row(y));
                return sampler;
            },
            _ => { });
    }

    /// <summary>
    /// Fills <paramref name="destination"/> like <see cref="SampleRgb"/>, for one float channel such
    /// as an annotation mask or a probability map.
    /// </summary>
    public static void SampleMap(FloatMap source, SamplingGrid grid, FloatMap destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(destination);
        var columns = GridAxis.LocatePixelCentres(destination.Width, grid.Width);
        var rows = GridAxis.LocatePixelCentres(destination.Height, grid.Height);
        var extended = new ExtendedGrid(grid);
        Parallel.For(
            0,
            destination.Height,
            () => new BilinearRowSampler(new RowMapper(extended, columns)),
            (y, _, sampler) =>
            {
                sampler.SampleMap(source, rows[y], destination.Row(y));
                return sampler;
            },
            _ => { });
    }
}
