using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace BladderLnAi.Slides;

/// <summary>
/// Renders Deep Zoom tiles of a slide as JPEG: reads the matching region from the closest slide level and
/// scales it to the tile size. Safe to call from several threads at once.
/// </summary>
public sealed class DeepZoomTileRenderer
{
    private readonly DeepZoomOptions _options;
    private readonly JpegEncoder _encoder;

    /// <summary>Creates a renderer with the given tile size, overlap and JPEG quality.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is larger than half the tile size.</exception>
    public DeepZoomTileRenderer(DeepZoomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;

        // ImageSharp 2.1 creates a new encoder core per image, so one configured encoder serves all threads.
        _encoder = new JpegEncoder { Quality = options.JpegQuality };
    }

    /// <summary>Tile settings this renderer uses.</summary>
    public DeepZoomOptions Options => _options;

    /// <summary>Creates the Deep Zoom layout of a slide's level 0 with this renderer's tile size and overlap.</summary>
    public DeepZoomLayout CreateLayout(WholeSlideImage slide)
    {
        ArgumentNullException.ThrowIfNull(slide);
        return new DeepZoomLayout(slide.Width, slide.Height, _options.TileSize, _options.Overlap);
    }

    /// <summary>
    /// Renders one Deep Zoom tile as JPEG of exactly the size <see cref="DeepZoomLayout.TryGetTile"/> gives.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The level, column or row is outside the pyramid.</exception>
    /// <exception cref="SlideException">OpenSlide failed to read the slide.</exception>
    /// <exception cref="ObjectDisposedException">The slide was closed.</exception>
    public byte[] RenderJpeg(WholeSlideImage slide, int level, int column, int row)
    {
        var layout = CreateLayout(slide);
        if (!layout.TryGetTile(level, column, row, out var tile))
        {
            throw new ArgumentOutOfRangeException(
                nameof(level),
                $"Deep Zoom tile (level {level}, column {column}, row {row}) is outside the pyramid of slide "
                + $"'{Path.GetFileName(slide.FilePath)}', which has levels 0 to {layout.LevelCount - 1}.");
        }

        var region = PlanRead(slide, layout.GetDownsample(level), tile);
        var byteCount = region.Width * region.Height * 3;
        var pixels = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            slide.ReadRegion(region.X, region.Y, region.Level, region.Width, region.Height, pixels);
            using var image = Image.WrapMemory<Rgb24>(pixels.AsMemory(0, byteCount), region.Width, region.Height);
            return EncodeAtSize(image, tile.Width, tile.Height);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// Chooses the slide level and the region in pixels of that level that cover a tile. Like openslide-python's
    /// <c>DeepZoomGenerator</c> (openslide/deepzoom.py), it reads at the best level and scales to the tile size.
    /// </summary>
    private static SlideRegion PlanRead(WholeSlideImage slide, double deepZoomDownsample, DeepZoomTile tile)
    {
        // NOTE: without a slide level near the Deep Zoom downsample, low-resolution tiles read large areas at a
        // high-resolution level: the 1 x 1 top tile of the single-level 2220 x 2967 sample SVS reads 6.6 megapixels.
        var slideLevel = slide.Levels[slide.GetBestLevelForDownsample(deepZoomDownsample)];
        var x = (long)Math.Floor(tile.Level0X);
        var y = (long)Math.Floor(tile.Level0Y);

        var width = RegionLength(tile.Level0Width, x, slideLevel.Downsample, slideLevel.Width);
        var height = RegionLength(tile.Level0Height, y, slideLevel.Downsample, slideLevel.Height);
        if ((long)width * height > WholeSlideImage.MaxPixelsPerRead)
        {
            throw new SlideException(
                slide.FilePath,
                $"Slide '{Path.GetFileName(slide.FilePath)}': Deep Zoom level {tile.Level} needs a read of "
                + $"{width} x {height} pixels at slide level {slideLevel.Index}, over the maximum of "
                + $"{WholeSlideImage.MaxPixelsPerRead}. The slide lacks low-resolution levels. Convert it to a "
                + "pyramidal format.");
        }

        return new SlideRegion(slideLevel.Index, x, y, width, height);
    }

    /// <summary>Returns a region length in pixels of a slide level, cut at the end of that level and at least 1.</summary>
    private static int RegionLength(double level0Length, long level0Start, double downsample, long levelLength)
    {
        var requested = (long)Math.Ceiling(level0Length / downsample);
        var available = levelLength - (long)Math.Ceiling(level0Start / downsample);
        return (int)Math.Clamp(Math.Min(requested, available), 1, int.MaxValue);
    }

    private byte[] EncodeAtSize(Image<Rgb24> image, int width, int height)
    {
        using var output = new MemoryStream();
        if (image.Width == width && image.Height == height)
        {
            image.SaveAsJpeg(output, _encoder);
            return output.ToArray();
        }

        // Clone writes the scaled pixels to a new image and leaves the wrapped pooled buffer alone.
        using var scaled = image.Clone(context => context.Resize(width, height, KnownResamplers.Lanczos3));
        scaled.SaveAsJpeg(output, _encoder);
        return output.ToArray();
    }

    private readonly record struct SlideRegion(int Level, long X, long Y, int Width, int Height);
}
