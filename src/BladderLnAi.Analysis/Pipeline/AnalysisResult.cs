using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// The outcome of analysing one slide.
/// </summary>
/// <param name="Heatmap">Slide-level confidence heatmap; pixel (x, y) covers level-0 pixels from
/// x * <see cref="AnalysisPlan.HeatmapScale"/>.</param>
public sealed record AnalysisResult(
    SlideSummary Slide,
    ModelSummary Model,
    AnalysisPlan Plan,
    IReadOnlyList<FieldResult> Fields,
    FloatMap Heatmap,
    float Threshold,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<AnalysisStage, TimeSpan> StageTimes,
    TimeSpan TotalTime);

/// <summary>The slide as the analysis saw it.</summary>
public sealed record SlideSummary(string Id, string FileName, string? Vendor, long Width, long Height, double? MicronsPerPixel);

/// <summary>The model that produced a result, so that results can be traced to exact weights.</summary>
public sealed record ModelSummary(
    string Name,
    string Version,
    string Sha256,
    bool Trained,
    string ExecutionProvider,
    int InputSize,
    double MicronsPerPixel);
