using System.Buffers;
using System.Runtime.CompilerServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Slides;

/// <summary>
/// Renders Deep Zoom tiles of a slide as JPEG. Safe to call from several threads at once.
/// </summary>
/// <remarks>
/// <para>
/// A tile is read from the slide level whose downsample is the largest not above the tile's, like openslide-python's
/// <c>DeepZoomGenerator</c> (openslide/deepzoom.py), or from one up to 1 % above it (see
/// <see cref="DeepZoomSlidePlan.LevelTolerance"/>). When the sizes match, the pixels are encoded as read. Otherwise
/// they are reduced by area averaging (see <see cref="AreaResampler"/>), exactly by 2 x 2 or larger blocks when the
/// ratio is a whole number.
/// </para>
/// <para>
/// Slides without low-resolution levels, such as a single-level scan, would otherwise read far more than a tile for
/// each low-resolution tile: the 1 x 1 top tile of the single-level 2220 x 2967 sample SVS reads 6.6 megapixels.
/// For those levels the renderer keeps one whole Deep Zoom level of the slide in memory as an overview, built once
/// in bounded reads, and cuts the tiles from it (see <see cref="DeepZoomSlidePlan"/>).
/// </para>
/// <para>
/// Tiles are encoded with ImageSharp, because SkiaSharp 4.156.1 encoded a 256 x 256 tile about 2.5 times more slowly
/// on a 2-core AMD EPYC (tests/BladderLnAi.Benchmarks, <c>bdn --filter *TileEncoding*</c>, docs/benchmarks.md).
/// </para>
/// </remarks>
public sealed partial class DeepZoomTileRenderer
{
    private readonly DeepZoomOptions _options;
    private readonly JpegEncoder _encoder;
    private readonly ConditionalWeakTable<WholeSlideImage, DeepZoomSlidePlan> _plans = new();
    private readonly OverviewCache _overviews;

    /// <summary>Creates a renderer with the given tile size, overlap, JPEG quality and overview memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is larger than half the tile size.</exception>
    public DeepZoomTileRenderer(DeepZoomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;

        // ImageSharp 2.1 creates a new encoder core per image, so one configured encoder serves all threads.
        _encoder = new JpegEncoder { Quality = options.JpegQuality };
        _overviews = new OverviewCache(options.OverviewCacheMegabytes * 1024L * 1024L);
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
    /// Returns the Deep Zoom layout of an open slide, computed on first use and kept for as long as the handle is
    /// alive. A changed slide file gets a new handle and so a new layout.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The slide was closed before its layout was computed.</exception>
    public DeepZoomLayout GetLayout(WholeSlideImage slide) => GetPlan(slide).Layout;

    /// <summary>
    /// Renders one Deep Zoom tile as JPEG of exactly the size <see cref="DeepZoomLayout.TryGetTile"/> gives.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The level, column or row is outside the pyramid.</exception>
    /// <exception cref="SlideException">OpenSlide failed to read the slide.</exception>
    /// <exception cref="ObjectDisposedException">The slide was closed.</exception>
    public byte[] RenderJpeg(WholeSlideImage slide, int level, int column, int row)
    {
        var plan = GetPlan(slide);
        if (!plan.Layout.TryGetTile(level, column, row, out var tile))
        {
            throw new ArgumentOutOfRangeException(
                nameof(level),
                $"Deep Zoom tile (level {level}, column {column}, row {row}) is outside the pyramid of slide "
                + $"'{Path.GetFileName(slide.FilePath)}', which has levels 0 to {plan.Layout.LevelCount - 1}.");
        }

        var byteCount = tile.Width * tile.Height * 3;
        var pixels = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var source = plan.GetLevel(level);
            if (source.UsesOverview)
            {
                CutFromOverview(slide, plan, tile, pixels);
            }
            else
            {
                ReadScaled(slide, source, tile.Level0X, tile.Level0Y, tile.Level0Width, tile.Level0Height, tile.Width, tile.Height, pixels);
            }

            return Encode(pixels.AsMemory(0, byteCount), tile.Width, tile.Height);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    private DeepZoomSlidePlan GetPlan(WholeSlideImage slide)
    {
        ArgumentNullException.ThrowIfNull(slide);
        return _plans.GetValue(slide, opened => DeepZoomSlidePlan.Create(opened, _options.TileSize, _options.Overlap));
    }

    private byte[] Encode(Memory<byte> rgb, int width, int height)
    {
        using var image = Image.WrapMemory<Rgb24>(rgb, width, height);

        // A quality-75 tile of tissue is about 5 to 20 KiB, so this capacity rarely grows.
        using var output = new MemoryStream(32 * 1024);
        image.SaveAsJpeg(output, _encoder);
        return output.ToArray();
    }
}
