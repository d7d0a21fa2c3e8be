using System.Buffers;
using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Slides;

public sealed partial class DeepZoomTileRenderer
{
    /// <summary>
    /// Maximum side, in slide pixels, of one read while an overview is built: 2048 x 2048 is 4 megapixels, 16 MiB
    /// from OpenSlide.
    /// </summary>
    private const int MaxOverviewReadSide = 2048;

    /// <summary>
    /// Reads a level-0 area from the slide level of <paramref name="source"/> and scales it to
    /// <paramref name="width"/> x <paramref name="height"/> RGB pixels in <paramref name="destination"/>.
    /// </summary>
    private static void ReadScaled(
        WholeSlideImage slide,
        DeepZoomSlidePlan.LevelSource source,
        double level0X,
        double level0Y,
        double level0Width,
        double level0Height,
        int width,
        int height,
        Span<byte> destination)
    {
        var slideLevel = source.SlideLevel;
        var x = (long)Math.Floor(level0X);
        var y = (long)Math.Floor(level0Y);
        var regionWidth = RegionLength(level0Width, x, slideLevel.Downsample, slideLevel.Width);
        var regionHeight = RegionLength(level0Height, y, slideLevel.Downsample, slideLevel.Height);
        if ((long)regionWidth * regionHeight > WholeSlideImage.MaxPixelsPerRead)
        {
            throw new SlideException(
                slide.FilePath,
                $"Slide '{Path.GetFileName(slide.FilePath)}': a Deep Zoom tile needs a read of {regionWidth} x {regionHeight} "
                + $"pixels at slide level {slideLevel.Index}, over the maximum of {WholeSlideImage.MaxPixelsPerRead}. "
                + "The slide lacks low-resolution levels. Convert it to a pyramidal format.");
        }

        if (regionWidth == width && regionHeight == height)
        {
            slide.ReadRegion(x, y, slideLevel.Index, width, height, destination);
            return;
        }

        var regionBytes = regionWidth * regionHeight * 3;
        var region = ArrayPool<byte>.Shared.Rent(regionBytes);
        try
        {
            slide.ReadRegion(x, y, slideLevel.Index, regionWidth, regionHeight, region);
            var factor = (int)Math.Round(source.Ratio);
            if (DeepZoomSlidePlan.IsWholeRatio(source.Ratio) && CeilingDivide(regionWidth, factor) == width && CeilingDivide(regionHeight, factor) == height)
            {
                AreaResampler.BoxReduce(region, regionWidth * 3, regionWidth, regionHeight, factor, destination);
            }
            else
            {
                AreaResampler.Resize(region.AsSpan(0, regionBytes), regionWidth, regionHeight, destination, width, height);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(region);
        }
    }

    /// <summary>Returns a region length in pixels of a slide level, cut at the end of that level and at least 1.</summary>
    private static int RegionLength(double level0Length, long level0Start, double downsample, long levelLength)
    {
        var requested = (long)Math.Ceiling(level0Length / downsample);
        var available = levelLength - (long)Math.Ceiling(level0Start / downsample);
        return (int)Math.Clamp(Math.Min(requested, available), 1, int.MaxValue);
    }

    /// <summary>
    /// Cuts a tile from the slide's overview. The overview is a whole Deep Zoom level at or above the tile's, so the
    /// tile is its area reduced by 2 to the power of the levels between them.
    /// </summary>
    private void CutFromOverview(WholeSlideImage slide, DeepZoomSlidePlan plan, DeepZoomTile tile, Span<byte> destination)
    {
        var overviewLevel = plan.OverviewLevel!.Value;
        var (overviewWidth, overviewHeight) = plan.Layout.GetLevelSize(overviewLevel);
        var overview = _overviews.GetOrBuild(plan, overviewWidth * overviewHeight * 3, () => BuildOverview(slide, plan));

        var factor = 1 << (overviewLevel - tile.Level);
        var left = (int)tile.X * factor;
        var top = (int)tile.Y * factor;
        var width = Math.Min((int)(tile.X + tile.Width) * factor, overview.Width) - left;
        var height = Math.Min((int)(tile.Y + tile.Height) * factor, overview.Height) - top;
        var stride = overview.Width * 3;
        AreaResampler.BoxReduce(overview.Pixels.AsSpan(top * stride + left * 3), stride, width, height, factor, destination);
    }

    /// <summary>
    /// Renders the overview level of a plan whole, in pieces small enough that no read exceeds
    /// <see cref="MaxOverviewReadSide"/> squared slide pixels, each piece read and scaled like a tile.
    /// </summary>
    private static RgbImage BuildOverview(WholeSlideImage slide, DeepZoomSlidePlan plan)
    {
        var level = plan.OverviewLevel!.Value;
        var source = plan.GetLevel(level);
        var (width, height) = plan.Layout.GetLevelSize(level);
        var overview = new RgbImage((int)width, (int)height);
        var downsample = plan.Layout.GetDownsample(level);
        var pieceSide = Math.Max(16, (int)(MaxOverviewReadSide / Math.Ceiling(source.Ratio)));
        var piece = new byte[pieceSide * pieceSide * 3];
        for (var top = 0; top < height; top += pieceSide)
        {
            for (var left = 0; left < width; left += pieceSide)
            {
                var pieceWidth = (int)Math.Min(pieceSide, width - left);
                var pieceHeight = (int)Math.Min(pieceSide, height - top);
                var level0X = left * downsample;
                var level0Y = top * downsample;
                ReadScaled(
                    slide,
                    source,
                    level0X,
                    level0Y,
                    Math.Min(pieceWidth * downsample, slide.Width - level0X),
                    Math.Min(pieceHeight * downsample, slide.Height - level0Y),
                    pieceWidth,
                    pieceHeight,
                    piece);
                for (var row = 0; row < pieceHeight; row++)
                {
                    piece.AsSpan(row * pieceWidth * 3, pieceWidth * 3).CopyTo(overview.Row(top + row).Slice(left * 3));
                }
            }
        }

        return overview;
    }

    private static int CeilingDivide(int value, int divisor) => (value + divisor - 1) / divisor;
}
