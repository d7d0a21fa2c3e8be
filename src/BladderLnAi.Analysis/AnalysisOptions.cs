using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Analysis;

/// <summary>
/// Settings of the two-pass analysis. The network input size and resolution come from the model manifest.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>Default saliency threshold, chosen on validation slides as docs/model-evaluation.md records.</summary>
    /// <remarks>
    /// NOTE: chosen on six synthetic validation slides with the bundled model. On the held-out slides it found two
    /// more foci under 0.5 mm than 0.5 did, but also raised the false positives on a tumour-free slide from 2 to 7.
    /// The likely cause is the model, trained at 2 um/px, responding to magnified normal tissue.
    /// </remarks>
    public const float DefaultSaliencyThreshold = 0.2f;

    /// <summary>Fraction of a field shared with its neighbour. Defaults to 0.125.</summary>
    public double FieldOverlap { get; init; } = 0.125;

    /// <summary>Fields with less tissue than this fraction are skipped. Defaults to 0.02.</summary>
    public double MinimumTissueFraction { get; init; } = 0.02;

    /// <summary>
    /// Heatmap pixels per network input pixel of the uniform pass. Defaults to 2, so the heatmap of a model
    /// that reads 2 um/px has 1 um/px.
    /// </summary>
    public int HeatmapOversample { get; init; } = 2;

    /// <summary>Largest heatmap, in pixels, before the oversampling falls back to 1. Defaults to 64 megapixels.</summary>
    public long MaximumHeatmapPixels { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest side, in pixels, of the image that the composite patch is sampled from. Defaults to 4096.</summary>
    public int MaximumSourceSide { get; init; } = 4096;

    /// <summary>
    /// Microns per pixel assumed for sizing fields when the slide reports none. Sizes are then reported as unknown.
    /// Defaults to 0.25 (a 40x scan).
    /// </summary>
    public double FallbackMicronsPerPixel { get; init; } = 0.25;

    /// <summary>Heatmap threshold for findings; the model manifest's threshold when null.</summary>
    public float? FindingThreshold { get; init; }

    /// <summary>Smallest finding kept, in heatmap pixels. Defaults to 2.</summary>
    public int MinimumFindingPixels { get; init; } = 2;

    /// <summary>
    /// Skips saliency, composite patches and fusion, so that the heatmap is the uniform pass alone. Used to measure
    /// what the resampled pass adds. Defaults to false.
    /// </summary>
    public bool UniformPassOnly { get; init; }

    /// <summary>
    /// How the uniform pass's probabilities become saliency. Its <see cref="SaliencyOptions.Threshold"/> is the
    /// probability from which a region is magnified in the resampled pass. Below <see cref="FindingThreshold"/> it
    /// magnifies regions that the uniform pass alone would not report. Defaults to a threshold of
    /// <see cref="DefaultSaliencyThreshold"/>.
    /// </summary>
    public SaliencyOptions Saliency { get; init; } = new() { Threshold = DefaultSaliencyThreshold };

    public SamplerOptions Sampler { get; init; } = new();

    /// <summary>Validates the ranges and throws <see cref="ArgumentOutOfRangeException"/> naming the setting.</summary>
    public void Validate()
    {
        Check(FieldOverlap is >= 0 and < 0.5, nameof(FieldOverlap), FieldOverlap, "0 to below 0.5");
        Check(MinimumTissueFraction is >= 0 and <= 1, nameof(MinimumTissueFraction), MinimumTissueFraction, "0 to 1");
        Check(HeatmapOversample is >= 1 and <= 8, nameof(HeatmapOversample), HeatmapOversample, "1 to 8");
        Check(MaximumSourceSide >= 512, nameof(MaximumSourceSide), MaximumSourceSide, "512 or more");
        Check(FallbackMicronsPerPixel > 0, nameof(FallbackMicronsPerPixel), FallbackMicronsPerPixel, "above 0");
        Check(FindingThreshold is null or > 0 and < 1, nameof(FindingThreshold), FindingThreshold, "between 0 and 1");
        Check(MinimumFindingPixels >= 1, nameof(MinimumFindingPixels), MinimumFindingPixels, "1 or more");
    }

    private static void Check(bool valid, string name, object? value, string range)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"Analysis setting {name} is {value}; expected {range}.");
        }
    }
}
