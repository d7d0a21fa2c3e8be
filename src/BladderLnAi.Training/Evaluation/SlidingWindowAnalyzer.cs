using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Analysis.Reading;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;
using BladderLnAi.Slides;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// The conventional sliding-window analysis that the two-pass method is compared with. The tissue fields of the
/// two-pass plan are tiled at level 0 into windows of the network input size. Each window is segmented once at full
/// resolution, and the probabilities are stitched into a heatmap of the plan's scale.
/// </summary>
/// <remarks>
/// The network then sees every pixel at the slide's own resolution, finer than the manifest's, so this is the most
/// expensive reading and an upper bound on what magnifying every region could give. Findings come from the same
/// <see cref="FindingExtractor"/>, threshold and tissue mask as the two-pass analysis.
/// </remarks>
public sealed class SlidingWindowAnalyzer(ISegmentationModel model, AnalysisOptions options)
{
    /// <summary>Analyses the slide and returns the findings, the heatmap and the number of windows segmented.</summary>
    public SlidingWindowResult Analyze(WholeSlideImage slide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slide);
        options.Validate();
        var plan = FieldPlanner.Plan(slide, model.InputSize, model.Manifest.Input.MicronsPerPixel, options);
        var side = model.InputSize;
        var accumulator = new HeatmapAccumulator(plan.HeatmapWidth, plan.HeatmapHeight);
        var windows = WindowsCovering(plan, side, slide.Width, slide.Height);
        foreach (var (column, row) in windows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (x, y) = ((long)column * side, (long)row * side);
            var image = SlideRegionReader.ReadScaled(slide, x, y, side, side, side, side);
            var probability = model.Segment(image);
            var (tile, left, top) = ToHeatmap(probability, x, y, plan.HeatmapScale, plan.HeatmapWidth, plan.HeatmapHeight);
            if (tile is not null)
            {
                accumulator.Add(tile, left, top);
            }
        }

        var heatmap = accumulator.Build(plan.Tissue.Mask, plan.HeatmapScale, plan.TissueScale);
        var threshold = options.FindingThreshold ?? model.Manifest.Output.Threshold;
        var findings = FindingExtractor.Extract(
            heatmap,
            threshold,
            plan.HeatmapScale,
            slide.MicronsPerPixel,
            options.MinimumFindingPixels,
            slide.Width,
            slide.Height);
        return new SlidingWindowResult(plan, heatmap, findings, windows.Count);
    }

    /// <summary>
    /// Returns the level-0 windows, as (column, row) on a grid of <paramref name="side"/> pixels, that touch any
    /// field of the plan, each once, in raster order.
    /// </summary>
    public static IReadOnlyList<(int Column, int Row)> WindowsCovering(AnalysisPlan plan, int side, long slideWidth, long slideHeight)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var columns = (int)((slideWidth + side - 1) / side);
        var rows = (int)((slideHeight + side - 1) / side);
        var windows = new SortedSet<(int Row, int Column)>();
        foreach (var field in plan.Fields)
        {
            var firstColumn = Math.Max(0, (int)Math.Floor(field.X / side));
            var lastColumn = Math.Min(columns - 1, (int)Math.Ceiling((field.X + field.Size) / side) - 1);
            var firstRow = Math.Max(0, (int)Math.Floor(field.Y / side));
            var lastRow = Math.Min(rows - 1, (int)Math.Ceiling((field.Y + field.Size) / side) - 1);
            for (var row = firstRow; row <= lastRow; row++)
            {
                for (var column = firstColumn; column <= lastColumn; column++)
                {
                    windows.Add((row, column));
                }
            }
        }

        return windows.Select(window => (window.Column, window.Row)).ToList();
    }

    /// <summary>
    /// Averages a window's level-0 probabilities onto the heatmap pixels whose centres lie inside the window, so
    /// windows that tile the slide fill every heatmap pixel exactly once. Returns null when no heatmap pixel centre
    /// lies inside the window.
    /// </summary>
    /// <param name="scale">Level-0 pixels per heatmap pixel.</param>
    public static (FloatMap? Tile, int Left, int Top) ToHeatmap(
        FloatMap window,
        double x,
        double y,
        double scale,
        int heatmapWidth,
        int heatmapHeight)
    {
        ArgumentNullException.ThrowIfNull(window);
        var (left, right) = CentresInside(x, window.Width, scale, heatmapWidth);
        var (top, bottom) = CentresInside(y, window.Height, scale, heatmapHeight);
        if (right <= left || bottom <= top)
        {
            return (null, left, top);
        }

        var tile = new FloatMap(right - left, bottom - top);
        for (var j = 0; j < tile.Height; j++)
        {
            var (y0, y1) = Footprint(top + j, y, scale, window.Height);
            for (var i = 0; i < tile.Width; i++)
            {
                var (x0, x1) = Footprint(left + i, x, scale, window.Width);
                tile[i, j] = Mean(window, x0, x1, y0, y1);
            }
        }

        return (tile, left, top);
    }

    /// <summary>Returns the heatmap pixel range [first, end) whose centres lie in [origin, origin + length).</summary>
    private static (int First, int End) CentresInside(double origin, int length, double scale, int heatmapLength)
    {
        var first = Math.Max(0, (int)Math.Ceiling(origin / scale - 0.5));
        var end = Math.Min(heatmapLength, (int)Math.Ceiling((origin + length) / scale - 0.5));
        return (first, end);
    }

    /// <summary>Returns the window pixel range [first, end) that heatmap pixel <paramref name="index"/> covers, at least one pixel.</summary>
    private static (int First, int End) Footprint(int index, double origin, double scale, int length)
    {
        var first = Math.Clamp((int)Math.Floor(index * scale - origin), 0, length - 1);
        var end = Math.Clamp((int)Math.Ceiling((index + 1) * scale - origin), first + 1, length);
        return (first, end);
    }

    private static float Mean(FloatMap map, int x0, int x1, int y0, int y1)
    {
        var sum = 0.0;
        for (var row = y0; row < y1; row++)
        {
            foreach (var value in map.Row(row)[x0..x1])
            {
                sum += value;
            }
        }

        return (float)(sum / ((x1 - x0) * (y1 - y0)));
    }
}

/// <summary>The outcome of a sliding-window analysis.</summary>
/// <param name="Windows">Number of windows segmented, one network pass each.</param>
public sealed record SlidingWindowResult(AnalysisPlan Plan, FloatMap Heatmap, IReadOnlyList<Finding> Findings, int Windows);
