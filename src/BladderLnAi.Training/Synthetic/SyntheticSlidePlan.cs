using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Everything about one synthetic slide that is decided before any pixel is drawn: its appearance, the node's
/// anatomy, the tumour foci and the pyramid levels. It does not change, so the renderer reads it from many threads.
/// </summary>
public sealed class SyntheticSlidePlan
{
    /// <summary>Width and height of every TIFF tile in pixels.</summary>
    public const int TileSize = 256;

    /// <summary>Levels are halved until neither side is over this many pixels.</summary>
    public const int SmallestLevelMaximumSide = 1024;

    private SyntheticSlidePlan(SyntheticSlideOptions options, SlideStyle style, LymphNodeLayout layout, List<TumourFocus> foci)
    {
        Options = options;
        Style = style;
        Layout = layout;
        TumourFoci = foci;
        Foci = [.. foci.Select(focus => new SyntheticFocus(
            focus.Index + 1,
            focus.Outline,
            focus.SizeClass,
            focus.GreatestDimensionMicrons,
            focus.CellCount))];
        Levels = LevelSizes(options.Width, options.Height);
    }

    public SyntheticSlideOptions Options { get; }

    /// <summary>Ground-truth tumour foci in level-0 pixels, in the order they were placed.</summary>
    public IReadOnlyList<SyntheticFocus> Foci { get; }

    /// <summary>Width and height of each pyramid level, level 0 first, each half the one before (rounded down).</summary>
    public IReadOnlyList<(int Width, int Height)> Levels { get; }

    /// <summary>JPEG quality of the tiles, drawn from the seed.</summary>
    public int JpegQuality => Style.JpegQuality;

    internal SlideStyle Style { get; }

    internal LymphNodeLayout Layout { get; }

    internal IReadOnlyList<TumourFocus> TumourFoci { get; }

    /// <summary>Plans the slide for the options, which are validated first.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static SyntheticSlidePlan Create(SyntheticSlideOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new SplitMixRandom(Hashing.StreamKey(options.Seed, SeedStream.Layout) + 1);

        // About half the slides get a macrometastasis, which needs a long node.
        var withMacrometastasis = random.NextDouble() < 0.5;
        var style = SlideStyle.Create(options.Seed);
        var layout = LymphNodeLayout.Create(
            options.Seed, options.Width, options.Height, options.MicronsPerPixel, withMacrometastasis);
        var foci = options.TumourFree
            ? []
            : FocusPlanner.Plan(options.Seed, layout, style, withMacrometastasis, options.MicronsPerPixel);
        return new SyntheticSlidePlan(options, style, layout, foci);
    }

    /// <summary>Returns the compartment drawn at a level-0 pixel position.</summary>
    public TissueCompartment CompartmentAt(double x, double y)
    {
        return TumourFoci.Any(focus => focus.Contains(x, y)) ? TissueCompartment.Tumour : Layout.CompartmentAt(x, y);
    }

    private static List<(int Width, int Height)> LevelSizes(int width, int height)
    {
        var levels = new List<(int, int)> { (width, height) };
        while (width > SmallestLevelMaximumSide || height > SmallestLevelMaximumSide)
        {
            width = Math.Max(1, width / 2);
            height = Math.Max(1, height / 2);
            levels.Add((width, height));
        }

        return levels;
    }
}

/// <summary>One ground-truth tumour focus of a synthetic slide.</summary>
/// <param name="Id">Number of the focus on its slide, from 1.</param>
/// <param name="Outline">Polygon in level-0 pixels, closed implicitly.</param>
/// <param name="SizeClass">AJCC 8th edition class of <paramref name="GreatestDimensionMicrons"/>.</param>
/// <param name="GreatestDimensionMicrons">Maximum Feret diameter of the drawn focus in micrometres.</param>
/// <param name="CellCount">Number of tumour cells drawn.</param>
public sealed record SyntheticFocus(
    int Id,
    IReadOnlyList<PointD> Outline,
    SizeClass SizeClass,
    double GreatestDimensionMicrons,
    int CellCount);
