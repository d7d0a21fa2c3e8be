using BladderLnAi.Analysis.Reading;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Slides;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// Finds the tissue on a thumbnail (Otsu) and cuts it into overlapping square fields, each of which the
/// network reads at its input size and resolution.
/// </summary>
public static class FieldPlanner
{
    /// <summary>Longest side of the thumbnail used for tissue detection, in pixels.</summary>
    public const int ThumbnailSide = 1024;

    public static AnalysisPlan Plan(WholeSlideImage slide, int inputSize, double modelMicronsPerPixel, AnalysisOptions options)
    {
        var slideMpp = slide.MicronsPerPixel ?? options.FallbackMicronsPerPixel;
        var fieldSize = inputSize * modelMicronsPerPixel / slideMpp;
        var oversample = ChooseOversample(slide, fieldSize, inputSize, options);
        var fieldHeatmapSize = inputSize * oversample;
        var heatmapScale = fieldSize / fieldHeatmapSize;
        var heatmapWidth = (int)Math.Ceiling(slide.Width / heatmapScale);
        var heatmapHeight = (int)Math.Ceiling(slide.Height / heatmapScale);

        var tissueScale = Math.Max(1.0, Math.Max(slide.Width, slide.Height) / (double)ThumbnailSide);
        var thumbnail = SlideRegionReader.ReadScaled(
            slide,
            0,
            0,
            slide.Width,
            slide.Height,
            Math.Max(1, (int)Math.Ceiling(slide.Width / tissueScale)),
            Math.Max(1, (int)Math.Ceiling(slide.Height / tissueScale)));
        var tissue = TissueDetector.Detect(thumbnail);

        var stride = Math.Max(1, (int)Math.Round(fieldHeatmapSize * (1 - options.FieldOverlap)));
        var candidates = new List<FieldPlan>();
        foreach (var heatmapY in Origins(heatmapHeight, fieldHeatmapSize, stride))
        {
            foreach (var heatmapX in Origins(heatmapWidth, fieldHeatmapSize, stride))
            {
                var x = heatmapX * heatmapScale;
                var y = heatmapY * heatmapScale;
                var fraction = TissueFraction(tissue.Mask, tissueScale, x, y, fieldSize);
                candidates.Add(new FieldPlan(0, x, y, fieldSize, heatmapX, heatmapY, fraction));
            }
        }

        var fields = candidates
            .Where(field => field.TissueFraction >= options.MinimumTissueFraction)
            .Select((field, index) => field with { Index = index })
            .ToList();
        return new AnalysisPlan(
            fieldSize,
            heatmapScale,
            heatmapWidth,
            heatmapHeight,
            fieldHeatmapSize,
            fields,
            candidates.Count,
            tissue,
            tissueScale,
            slide.MicronsPerPixel is null);
    }

    /// <summary>
    /// Returns field origins along one axis: a regular stride, with the last field moved back so that it ends at
    /// the slide edge instead of hanging over it. A slide narrower than one field gets one field at 0.
    /// </summary>
    public static IEnumerable<int> Origins(int length, int fieldLength, int stride)
    {
        if (length <= fieldLength)
        {
            yield return 0;
            yield break;
        }

        var last = length - fieldLength;
        for (var origin = 0; origin < last; origin += stride)
        {
            yield return origin;
        }

        yield return last;
    }

    private static int ChooseOversample(WholeSlideImage slide, double fieldSize, int inputSize, AnalysisOptions options)
    {
        for (var oversample = options.HeatmapOversample; oversample > 1; oversample--)
        {
            var scale = fieldSize / (inputSize * oversample);
            var pixels = Math.Ceiling(slide.Width / scale) * Math.Ceiling(slide.Height / scale);
            if (pixels <= options.MaximumHeatmapPixels)
            {
                return oversample;
            }
        }

        return 1;
    }

    private static double TissueFraction(BinaryMask mask, double tissueScale, double x, double y, double size)
    {
        var left = Math.Clamp((int)Math.Floor(x / tissueScale), 0, mask.Width);
        var top = Math.Clamp((int)Math.Floor(y / tissueScale), 0, mask.Height);
        var right = Math.Clamp((int)Math.Ceiling((x + size) / tissueScale), 0, mask.Width);
        var bottom = Math.Clamp((int)Math.Ceiling((y + size) / tissueScale), 0, mask.Height);
        var area = Math.Max(1.0, Math.Ceiling(size / tissueScale) * Math.Ceiling(size / tissueScale));
        var count = 0;
        for (var row = top; row < bottom; row++)
        {
            for (var column = left; column < right; column++)
            {
                count += mask[column, row] ? 1 : 0;
            }
        }

        return count / area;
    }
}
