namespace BladderLnAi.Analysis.Pipeline;

/// <summary>The steps of the two-pass analysis, in the order they first run.</summary>
public enum AnalysisStage
{
    TissueDetection,
    FieldReading,
    UniformPass,
    Saliency,
    Resampling,
    ResampledPass,
    InverseMapping,
    Findings,
}

/// <summary>
/// A progress report: the stage now running, fields finished out of the total, and the estimated time left.
/// </summary>
public sealed record AnalysisProgress(
    AnalysisStage Stage,
    int FieldsDone,
    int FieldsTotal,
    TimeSpan Elapsed,
    TimeSpan? EstimatedRemaining);
