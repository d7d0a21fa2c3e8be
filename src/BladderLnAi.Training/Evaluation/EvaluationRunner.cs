using BladderLnAi.Analysis;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Runs each evaluation method on every slide of a folder that has ground truth, and builds the comparison report.
/// </summary>
public sealed partial class EvaluationRunner(ISegmentationModel model, AnalysisOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <exception cref="InvalidOperationException">The folder has no slide with ground truth beside it.</exception>
    public EvaluationReport Run(
        string slideDirectory,
        IReadOnlyList<EvaluationMethod> methods,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var slides = GroundTruthFiles.FindSlides(slideDirectory);
        if (slides.Count == 0)
        {
            throw new InvalidOperationException(
                $"No slide in '{slideDirectory}' has ground truth beside it. Put NAME.geojson or NAME.xml next to "
                + "each slide NAME.svs.");
        }

        var runner = new MethodRunner(model, options);
        var results = new List<SlideResult>(slides.Count);
        foreach (var (slidePath, truthPath) in slides)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var slide = WholeSlideImage.Open(slidePath);
            var slideId = SlideIds.Slugify(Path.GetFileNameWithoutExtension(slidePath));
            var foci = GroundTruthFiles.ReadFoci(truthPath, slide.MicronsPerPixel);
            Log.SlideStarted(_logger, slideId, foci.Count, Path.GetFileName(truthPath));
            var runs = new List<MethodRun>(methods.Count);
            foreach (var method in methods)
            {
                var run = runner.Run(method, slide, slideId, cancellationToken);
                Log.MethodFinished(_logger, slideId, method.Code(), run.Findings.Count, run.NetworkPasses, run.Elapsed.TotalSeconds);
                runs.Add(run);
            }

            results.Add(new SlideResult(slideId, Path.GetFileName(slidePath), slide.MicronsPerPixel, foci, runs));
        }

        var manifest = model.Manifest;
        var description = new ModelDescription(manifest.Name, manifest.Version, manifest.Sha256, model.ExecutionProvider);
        var threshold = options.FindingThreshold ?? manifest.Output.Threshold;
        return EvaluationReport.Build(
            results, description, threshold, options.Saliency.Threshold, DateTimeOffset.UtcNow);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information,
            Message = "Evaluating slide {SlideId}: {FocusCount} ground-truth foci from {TruthFile}")]
        public static partial void SlideStarted(ILogger logger, string slideId, int focusCount, string truthFile);

        [LoggerMessage(EventId = 701, Level = LogLevel.Information,
            Message = "Slide {SlideId}, method {Method}: {FindingCount} findings, {NetworkPasses} network passes, {Seconds:F1} s")]
        public static partial void MethodFinished(
            ILogger logger, string slideId, string method, int findingCount, int networkPasses, double seconds);
    }
}
