namespace BladderLnAi.Slides;

/// <summary>
/// Where the tiles of one open slide come from: its Deep Zoom layout and, for each Deep Zoom level, the slide level
/// to read or the overview to cut from. Computed once per open slide, because it needs native calls and allocations
/// that would otherwise repeat for every tile.
/// </summary>
internal sealed class DeepZoomSlidePlan
{
    /// <summary>
    /// Source pixels per output pixel, along each axis, from which a level is cut from the overview rather than read:
    /// at 4 a tile reads at least 16 times its own area.
    /// </summary>
    public const double OverviewRatio = 4;

    /// <summary>Largest overview in pixels: 4 megapixels, 12 MiB of RGB.</summary>
    public const long MaxOverviewPixels = 4L * 1024 * 1024;

    /// <summary>
    /// Maximum slide pixels read to build an overview, in bounded pieces: 256 megapixels. A slide that would need more,
    /// such as a large scan without low-resolution levels, reads its low levels tile by tile instead.
    /// </summary>
    public const long MaxOverviewSourcePixels = 256L * 1024 * 1024;

    /// <summary>
    /// How much coarser than a Deep Zoom level a slide level may be and still be read for it: 1 %. Generic TIFF
    /// pyramids round level sizes down, so their downsamples lie just above powers of two (2.0003 and 4.002 in the
    /// sample TIFF), and OpenSlide's best level would be the next finer one, read at twice the size each way.
    /// </summary>
    public const double LevelTolerance = 0.01;

    private readonly LevelSource[] _levels;

    private DeepZoomSlidePlan(DeepZoomLayout layout, LevelSource[] levels, int? overviewLevel)
    {
        Layout = layout;
        _levels = levels;
        OverviewLevel = overviewLevel;
    }

    public DeepZoomLayout Layout { get; }

    /// <summary>
    /// Deep Zoom level held whole in memory as the overview, or null when every level is read from the slide.
    /// </summary>
    public int? OverviewLevel { get; }

    /// <summary>Returns where the tiles of a Deep Zoom level come from.</summary>
    public LevelSource GetLevel(int level) => _levels[level];

    /// <summary>Creates the plan of a slide with the given tile size and overlap.</summary>
    public static DeepZoomSlidePlan Create(WholeSlideImage slide, int tileSize, int overlap)
    {
        var layout = new DeepZoomLayout(slide.Width, slide.Height, tileSize, overlap);
        var levels = new LevelSource[layout.LevelCount];
        for (var level = 0; level < layout.LevelCount; level++)
        {
            var downsample = layout.GetDownsample(level);
            var slideLevel = ChooseSlideLevel(slide, downsample);
            levels[level] = new LevelSource(slideLevel, downsample / slideLevel.Downsample, UsesOverview: false);
        }

        var overviewLevel = ChooseOverviewLevel(layout, levels);
        if (overviewLevel is { } overview)
        {
            for (var level = 0; level <= overview; level++)
            {
                // The overview level itself also comes from the overview when its ratio is a whole number, because
                // block averages do not depend on where a read starts, so both ways give the same pixels.
                var whole = level == overview && IsWholeRatio(levels[level].Ratio);
                if (levels[level].Ratio >= OverviewRatio || whole)
                {
                    levels[level] = levels[level] with { UsesOverview = true };
                }
            }
        }

        return new DeepZoomSlidePlan(layout, levels, overviewLevel);
    }

    /// <summary>
    /// Returns OpenSlide's best level for a downsample (the coarsest not above it), or the next coarser level when
    /// that one is within <see cref="LevelTolerance"/> of the downsample.
    /// </summary>
    private static SlideLevel ChooseSlideLevel(WholeSlideImage slide, double downsample)
    {
        var best = slide.GetBestLevelForDownsample(downsample);
        if (best + 1 < slide.Levels.Count && slide.Levels[best + 1].Downsample <= downsample * (1 + LevelTolerance))
        {
            return slide.Levels[best + 1];
        }

        return slide.Levels[best];
    }

    /// <summary>
    /// Chooses the overview: the level just above the highest one that would read at <see cref="OverviewRatio"/> or
    /// more, so that building it reads the slide at a ratio below that, lowered until it fits
    /// <see cref="MaxOverviewPixels"/>. Returns null when no level reads that much or when building the overview
    /// would read more than <see cref="MaxOverviewSourcePixels"/>.
    /// </summary>
    private static int? ChooseOverviewLevel(DeepZoomLayout layout, LevelSource[] levels)
    {
        var highestCostly = Array.FindLastIndex(levels, level => level.Ratio >= OverviewRatio);
        if (highestCostly < 0)
        {
            return null;
        }

        var overview = Math.Min(highestCostly + 1, layout.LevelCount - 1);
        while (overview > 0 && Area(layout.GetLevelSize(overview)) > MaxOverviewPixels)
        {
            overview--;
        }

        var source = levels[overview];
        var sourcePixels = Area(layout.GetLevelSize(overview)) * source.Ratio * source.Ratio;
        return sourcePixels <= MaxOverviewSourcePixels ? overview : null;
    }

    /// <summary>Returns whether a ratio is a whole number of 2 or more, so that tiles are exact block averages.</summary>
    public static bool IsWholeRatio(double ratio) => ratio >= 2 && Math.Abs(ratio - Math.Round(ratio)) < 1e-9;

    private static long Area((long Width, long Height) size) => size.Width * size.Height;

    /// <summary>The source of one Deep Zoom level.</summary>
    /// <param name="SlideLevel">Slide level that the level, or the overview, is read from.</param>
    /// <param name="Ratio">
    /// Slide-level pixels per Deep Zoom pixel along each axis: 1 or more, or down to 0.99 for a level read within
    /// <see cref="LevelTolerance"/>.
    /// </param>
    /// <param name="UsesOverview">True when tiles are cut from the overview instead of read from the slide.</param>
    public readonly record struct LevelSource(SlideLevel SlideLevel, double Ratio, bool UsesOverview);
}
