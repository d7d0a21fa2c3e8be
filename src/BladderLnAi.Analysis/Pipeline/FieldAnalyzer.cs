using BladderLnAi.Analysis.Reading;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;
using BladderLnAi.Inference;
using BladderLnAi.Slides;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// Runs the two passes on one field: uniform pass, saliency, one composite patch that magnifies every suspected
/// region at once, resampled pass, inverse mapping and fusion by sampling density.
/// </summary>
public sealed class FieldAnalyzer(
    WholeSlideImage slide,
    ISegmentationModel model,
    AnalysisOptions options,
    StageClock clock,
    IFieldArtifactSink? sink)
{
    /// <summary>Reports the stage about to run for the field being analysed.</summary>
    public event Action<AnalysisStage>? StageStarted;

    /// <summary>Returns the field's result and its fused probability map at the plan's field heatmap size.</summary>
    public (FieldResult Result, FloatMap Fused) Analyze(FieldPlan field, int fieldHeatmapSize, CancellationToken cancellationToken)
    {
        var size = model.InputSize;
        var uniform = Run(AnalysisStage.FieldReading, () =>
            SlideRegionReader.ReadScaled(slide, field.X, field.Y, field.Size, field.Size, size, size));
        var uniformProbability = Run(AnalysisStage.UniformPass, () => model.Segment(uniform));
        if (options.UniformPassOnly)
        {
            var uniformOnly = new FieldResult(field, false, [], null, 1, size, Max(uniformProbability), 0);
            return (uniformOnly, Upsample(uniformProbability, fieldHeatmapSize));
        }

        var saliency = Run(AnalysisStage.Saliency, () => SaliencyBuilder.Build(uniformProbability, options.Saliency));
        var uniformUpsampled = Upsample(uniformProbability, fieldHeatmapSize);
        if (saliency.Blobs.Count == 0)
        {
            var plain = new FieldResult(field, false, [], null, 1, size, Max(uniformProbability), 0);
            return (plain, uniformUpsampled);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (grid, magnification, source, composite) = Run(AnalysisStage.Resampling, () => Resample(field, saliency));
        var compositeProbability = Run(AnalysisStage.ResampledPass, () => model.Segment(composite));
        var fused = Run(AnalysisStage.InverseMapping, () =>
            ProbabilityFusion.Fuse(
                uniformUpsampled,
                GridSampler.InverseMap(compositeProbability, grid, fieldHeatmapSize, fieldHeatmapSize)));
        var result = new FieldResult(
            field,
            true,
            saliency.Blobs,
            grid,
            magnification,
            source,
            Max(uniformProbability),
            Max(compositeProbability));
        sink?.WriteComposite(result, composite, compositeProbability);
        return (result, fused);
    }

    private (SamplingGrid Grid, double Magnification, int SourceSide, RgbImage Composite) Resample(
        FieldPlan field,
        SaliencyMap saliency)
    {
        var size = model.InputSize;
        var grid = SaliencySampler.ComputeGrid(saliency.Values, options.Sampler);
        var (magnification, sourceSide) = ChooseSourceSide(grid, size, field.Size, options.MaximumSourceSide);
        var source = SlideRegionReader.ReadScaled(slide, field.X, field.Y, field.Size, field.Size, sourceSide, sourceSide);
        var composite = new RgbImage(size, size);
        GridSampler.SampleRgb(source, grid, composite);
        return (grid, magnification, sourceSide, composite);
    }

    /// <summary>
    /// Returns the grid's largest local magnification and the side, in pixels, of the field image that a composite
    /// of <paramref name="inputSize"/> pixels is sampled from. Training data preparation calls it too, so that its
    /// composites see the same source resolution as the analysis.
    /// </summary>
    /// <param name="fieldSize">Side of the field in level-0 pixels.</param>
    public static (double Magnification, int SourceSide) ChooseSourceSide(
        SamplingGrid grid,
        int inputSize,
        double fieldSize,
        int maximumSourceSide)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var magnification = MaximumMagnification(grid);

        // The composite needs source pixels as fine as its most magnified point, but never finer than level 0.
        var sourceSide = (int)Math.Ceiling(inputSize * magnification);
        sourceSide = Math.Clamp(
            sourceSide,
            inputSize,
            Math.Max(inputSize, Math.Min(maximumSourceSide, (int)Math.Ceiling(fieldSize))));
        return (magnification, sourceSide);
    }

    private static double MaximumMagnification(SamplingGrid grid)
    {
        var maximum = 1.0;
        for (var j = 0; j < grid.Height; j++)
        {
            for (var i = 0; i < grid.Width; i++)
            {
                var magnification = grid.LocalMagnification((i + 0.5) / grid.Width, (j + 0.5) / grid.Height);
                maximum = Math.Max(maximum, magnification);
            }
        }

        return maximum;
    }

    private static FloatMap Upsample(FloatMap map, int size)
    {
        if (map.Width == size && map.Height == size)
        {
            return map;
        }

        var result = new FloatMap(size, size);
        GridSampler.SampleMap(map, SamplingGrid.Identity(64, 64), result);
        return result;
    }

    private static float Max(FloatMap map)
    {
        var maximum = 0f;
        foreach (var value in map.Values)
        {
            maximum = Math.Max(maximum, value);
        }

        return maximum;
    }

    private T Run<T>(AnalysisStage stage, Func<T> work)
    {
        StageStarted?.Invoke(stage);
        return clock.Measure(stage, work);
    }
}
