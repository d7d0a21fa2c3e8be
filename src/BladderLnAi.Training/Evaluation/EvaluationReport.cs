using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// The comparison of the evaluation methods over a set of slides with ground truth.
/// </summary>
/// <param name="Threshold">Heatmap threshold at which every method extracted its findings.</param>
/// <param name="SaliencyThreshold">Uniform-pass probability from which the two-pass method magnified a region.</param>
public sealed record EvaluationReport(
    DateTimeOffset CreatedUtc,
    ModelDescription Model,
    float Threshold,
    float SaliencyThreshold,
    IReadOnlyList<SlideDescription> Slides,
    IReadOnlyList<MethodReport> Methods)
{
    /// <summary>Matches every method's findings against the ground truth and computes the metrics per method.</summary>
    public static EvaluationReport Build(
        IReadOnlyList<SlideResult> slides,
        ModelDescription model,
        float threshold,
        float saliencyThreshold,
        DateTimeOffset createdUtc)
    {
        ArgumentNullException.ThrowIfNull(slides);
        var methods = slides
            .SelectMany(slide => slide.Runs.Select(run => run.Method))
            .Distinct()
            .Order()
            .Select(method => BuildMethod(method, slides))
            .ToList();
        var descriptions = slides
            .Select(slide => new SlideDescription(slide.SlideId, slide.FileName, slide.MicronsPerPixel, slide.Foci))
            .ToList();
        return new EvaluationReport(createdUtc, model, threshold, saliencyThreshold, descriptions, methods);
    }

    private static MethodReport BuildMethod(EvaluationMethod method, IReadOnlyList<SlideResult> slides)
    {
        var perSlide = new List<SlideMethodFigures>();
        var matches = new List<SlideMatch>();
        foreach (var slide in slides)
        {
            var run = slide.Runs.FirstOrDefault(candidate => candidate.Method == method)
                ?? throw new ArgumentException(
                    $"Slide '{slide.SlideId}' has no run of method {method.Code()}; every slide needs every method.",
                    nameof(slides));
            var match = DetectionMatcher.Match(new SlideCase(
                slide.SlideId,
                slide.MicronsPerPixel,
                slide.Foci,
                run.Findings.Select(Detection.FromFinding).ToList()));
            matches.Add(match);
            var metrics = DetectionMetrics.Compute([match]);
            perSlide.Add(new SlideMethodFigures(
                slide.SlideId,
                metrics.Recall,
                metrics.FalsePositives,
                match.SlideScore,
                run.Elapsed.TotalSeconds,
                run.NetworkPasses));
        }

        return new MethodReport(
            method,
            DetectionMetrics.Compute(matches),
            perSlide.Sum(figures => figures.Seconds),
            perSlide.Sum(figures => figures.NetworkPasses),
            perSlide);
    }
}

/// <summary>The model the methods ran with.</summary>
public sealed record ModelDescription(string Name, string Version, string Sha256, string ExecutionProvider);

/// <summary>One evaluated slide and its ground truth.</summary>
public sealed record SlideDescription(
    string SlideId,
    string FileName,
    double? MicronsPerPixel,
    IReadOnlyList<GroundTruthFocus> Foci)
{
    public int CountFoci(SizeClass sizeClass) => Foci.Count(focus => focus.SizeClass == sizeClass);
}

/// <summary>The ground truth of one slide and the runs of each method on it.</summary>
public sealed record SlideResult(
    string SlideId,
    string FileName,
    double? MicronsPerPixel,
    IReadOnlyList<GroundTruthFocus> Foci,
    IReadOnlyList<MethodRun> Runs);

/// <summary>
/// The metrics of one method over all slides, and its figures per slide.
/// </summary>
/// <param name="Seconds">Wall-clock seconds over all slides, slide opening and ground-truth reading excluded.</param>
/// <param name="NetworkPasses">Network passes over all slides.</param>
public sealed record MethodReport(
    EvaluationMethod Method,
    DetectionMetrics Metrics,
    double Seconds,
    int NetworkPasses,
    IReadOnlyList<SlideMethodFigures> PerSlide);

/// <summary>One method's figures on one slide.</summary>
/// <param name="SlideScore">Highest detection probability, 0 without detections.</param>
public sealed record SlideMethodFigures(
    string SlideId,
    RecallBySize Recall,
    int FalsePositives,
    float SlideScore,
    double Seconds,
    int NetworkPasses);
