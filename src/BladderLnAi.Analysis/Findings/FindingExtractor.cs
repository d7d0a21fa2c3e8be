using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Analysis.Findings;

/// <summary>
/// Turns a slide-level heatmap into findings: threshold, 8-connected components, outline, size and AJCC class.
/// </summary>
public static class FindingExtractor
{
    /// <param name="heatmapScale">Level-0 pixels per heatmap pixel.</param>
    /// <param name="micronsPerPixel">Level-0 microns per pixel; null leaves sizes unknown.</param>
    /// <param name="slideWidth">
    /// Level-0 width of the slide. The last heatmap column can reach past the slide edge, so outline points are
    /// clamped to it. Defaults to no clamping.
    /// </param>
    /// <param name="slideHeight">Level-0 height of the slide, used like <paramref name="slideWidth"/>.</param>
    public static IReadOnlyList<Finding> Extract(
        FloatMap heatmap,
        float threshold,
        double heatmapScale,
        double? micronsPerPixel,
        int minimumPixels,
        double slideWidth = double.PositiveInfinity,
        double slideHeight = double.PositiveInfinity)
    {
        var mask = new BinaryMask(heatmap.Width, heatmap.Height);
        for (var i = 0; i < heatmap.Values.Length; i++)
        {
            mask.Values[i] = heatmap.Values[i] >= threshold;
        }

        var labels = ConnectedComponents.Label(mask);
        var statistics = ComponentStatistics.Measure(labels, heatmap);
        return labels.Components
            .Where(component => component.Area >= minimumPixels)
            .Select(component => ToFinding(
                labels,
                component,
                statistics[component.Label],
                heatmapScale,
                micronsPerPixel,
                slideWidth,
                slideHeight))
            .OrderByDescending(finding => finding.MaximumProbability)
            .ThenByDescending(finding => finding.AreaSquareMillimetres ?? 0)
            .Select((finding, index) => finding with { Id = index + 1 })
            .ToList();
    }

    private static Finding ToFinding(
        ComponentLabels labels,
        Component component,
        ComponentStatistics statistics,
        double heatmapScale,
        double? micronsPerPixel,
        double slideWidth,
        double slideHeight)
    {
        var outline = ContourTracer.TraceOuterBoundary(labels, component.Label)
            .Select(point => new PointD(
                Math.Min(point.X * heatmapScale, slideWidth),
                Math.Min(point.Y * heatmapScale, slideHeight)))
            .ToList();
        double? greatestDimension = micronsPerPixel is { } mpp ? PolygonGeometry.MaxFeretDiameter(outline) * mpp : null;
        double? area = micronsPerPixel is { } m ? component.Area * Math.Pow(heatmapScale * m, 2) / 1e6 : null;
        return new Finding(
            0,
            outline,
            (statistics.SumX / component.Area + 0.5) * heatmapScale,
            (statistics.SumY / component.Area + 0.5) * heatmapScale,
            greatestDimension,
            area,
            statistics.Maximum,
            (float)(statistics.SumProbability / component.Area),
            SizeClassification.Classify(greatestDimension));
    }

    private sealed class ComponentStatistics
    {
        public double SumX { get; private set; }

        public double SumY { get; private set; }

        public double SumProbability { get; private set; }

        public float Maximum { get; private set; }

        public static ComponentStatistics[] Measure(ComponentLabels labels, FloatMap heatmap)
        {
            var statistics = new ComponentStatistics[labels.Components.Count + 1];
            for (var i = 0; i < statistics.Length; i++)
            {
                statistics[i] = new ComponentStatistics();
            }

            for (var y = 0; y < labels.Height; y++)
            {
                for (var x = 0; x < labels.Width; x++)
                {
                    var index = y * labels.Width + x;
                    var label = labels.Labels[index];
                    if (label > 0)
                    {
                        statistics[label].Add(x, y, heatmap.Values[index]);
                    }
                }
            }

            return statistics;
        }

        private void Add(int x, int y, float probability)
        {
            SumX += x;
            SumY += y;
            SumProbability += probability;
            Maximum = Math.Max(Maximum, probability);
        }
    }
}
