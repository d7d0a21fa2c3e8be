using System.Diagnostics;
using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Inference;
using BladderLnAi.Slides;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Runs one evaluation method on one slide with a shared model, and measures its wall-clock time and network passes.
/// </summary>
public sealed class MethodRunner(ISegmentationModel model, AnalysisOptions options)
{
    public MethodRun Run(EvaluationMethod method, WholeSlideImage slide, string slideId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slide);
        var counting = new CountingSegmentationModel(model);
        var started = Stopwatch.GetTimestamp();
        var findings = method switch
        {
            EvaluationMethod.Uniform => new SlideAnalyzer(counting, options with { UniformPassOnly = true })
                .Analyze(slide, slideId, cancellationToken: cancellationToken)
                .Findings,
            EvaluationMethod.TwoPass => new SlideAnalyzer(counting, options with { UniformPassOnly = false })
                .Analyze(slide, slideId, cancellationToken: cancellationToken)
                .Findings,
            EvaluationMethod.SlidingWindow => new SlidingWindowAnalyzer(counting, options)
                .Analyze(slide, cancellationToken)
                .Findings,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown evaluation method."),
        };
        return new MethodRun(method, findings, Stopwatch.GetElapsedTime(started), counting.Passes);
    }
}

/// <summary>The findings of one method on one slide, with its wall-clock time and number of network passes.</summary>
public sealed record MethodRun(EvaluationMethod Method, IReadOnlyList<Finding> Findings, TimeSpan Elapsed, int NetworkPasses);
