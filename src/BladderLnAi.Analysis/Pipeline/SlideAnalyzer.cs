using System.Diagnostics;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// Analyses a whole slide with the two-pass method: tissue detection, fields, uniform pass, saliency,
/// one composite patch per field, resampled pass, inverse mapping, fusion, and findings.
/// </summary>
public sealed partial class SlideAnalyzer(ISegmentationModel model, AnalysisOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public AnalysisResult Analyze(
        WholeSlideImage slide,
        string slideId,
        IProgress<AnalysisProgress>? progress = null,
        IFieldArtifactSink? sink = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var started = Stopwatch.GetTimestamp();
        var clock = new StageClock();
        var reporter = new ProgressReporter(progress, started);

        reporter.Report(AnalysisStage.TissueDetection, 0, 0);
        var plan = clock.Measure(AnalysisStage.TissueDetection, () =>
            FieldPlanner.Plan(slide, model.InputSize, model.Manifest.Input.MicronsPerPixel, options));
        Log.Planned(_logger, slideId, plan.Fields.Count, plan.CandidateFieldCount, plan.FieldSize, plan.HeatmapScale);
        if (plan.MicronsPerPixelAssumed)
        {
            Log.MicronsPerPixelMissing(_logger, slideId, options.FallbackMicronsPerPixel);
        }

        var accumulator = new HeatmapAccumulator(plan.HeatmapWidth, plan.HeatmapHeight);
        var fieldAnalyzer = new FieldAnalyzer(slide, model, options, clock, sink);
        var fields = new List<FieldResult>(plan.Fields.Count);
        foreach (var field in plan.Fields)
        {
            cancellationToken.ThrowIfCancellationRequested();
            void OnStage(AnalysisStage stage) => reporter.Report(stage, fields.Count, plan.Fields.Count);
            fieldAnalyzer.StageStarted += OnStage;
            var (result, fused) = fieldAnalyzer.Analyze(field, plan.FieldHeatmapSize, cancellationToken);
            fieldAnalyzer.StageStarted -= OnStage;
            accumulator.Add(fused, field.HeatmapX, field.HeatmapY);
            fields.Add(result);
        }

        reporter.Report(AnalysisStage.Findings, fields.Count, plan.Fields.Count);
        var threshold = options.FindingThreshold ?? model.Manifest.Output.Threshold;
        var heatmap = clock.Measure(AnalysisStage.Findings, () =>
            accumulator.Build(plan.Tissue.Mask, plan.HeatmapScale, plan.TissueScale));
        var findings = clock.Measure(AnalysisStage.Findings, () => FindingExtractor.Extract(
            heatmap,
            threshold,
            plan.HeatmapScale,
            slide.MicronsPerPixel,
            options.MinimumFindingPixels,
            slide.Width,
            slide.Height));

        var total = Stopwatch.GetElapsedTime(started);
        Log.Finished(_logger, slideId, findings.Count, fields.Count(f => f.Resampled), total.TotalSeconds);
        return new AnalysisResult(
            new SlideSummary(slideId, Path.GetFileName(slide.FilePath), slide.Vendor, slide.Width, slide.Height, slide.MicronsPerPixel),
            Summarise(model),
            plan,
            fields,
            heatmap,
            threshold,
            findings,
            clock.Totals,
            total);
    }

    private static ModelSummary Summarise(ISegmentationModel model)
    {
        var manifest = model.Manifest;
        return new ModelSummary(
            manifest.Name,
            manifest.Version,
            manifest.Sha256,
            manifest.Trained,
            model.ExecutionProvider,
            manifest.Input.Size,
            manifest.Input.MicronsPerPixel);
    }

    /// <summary>Turns stage changes into progress reports with an estimate of the time left.</summary>
    private sealed class ProgressReporter(IProgress<AnalysisProgress>? progress, long started)
    {
        private long _fieldsStarted;

        public void Report(AnalysisStage stage, int done, int total)
        {
            if (progress is null)
            {
                return;
            }

            if (stage != AnalysisStage.TissueDetection && _fieldsStarted == 0)
            {
                _fieldsStarted = Stopwatch.GetTimestamp();
            }

            TimeSpan? remaining = null;
            if (done > 0 && total > done)
            {
                var perField = Stopwatch.GetElapsedTime(_fieldsStarted) / done;
                remaining = perField * (total - done);
            }
            else if (total > 0 && done == total)
            {
                remaining = TimeSpan.Zero;
            }

            progress.Report(new AnalysisProgress(stage, done, total, Stopwatch.GetElapsedTime(started), remaining));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information,
            Message = "Slide {SlideId}: {FieldCount} of {CandidateCount} fields contain tissue; field side {FieldSize:F0} px, heatmap scale {HeatmapScale:F3} px")]
        public static partial void Planned(
            ILogger logger, string slideId, int fieldCount, int candidateCount, double fieldSize, double heatmapScale);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning,
            Message = "Slide {SlideId} reports no microns per pixel; fields are sized for {FallbackMicronsPerPixel} um/px and finding sizes are reported as unknown")]
        public static partial void MicronsPerPixelMissing(ILogger logger, string slideId, double fallbackMicronsPerPixel);

        [LoggerMessage(EventId = 202, Level = LogLevel.Information,
            Message = "Slide {SlideId}: {FindingCount} findings, {ResampledCount} fields resampled, {Seconds:F1} s")]
        public static partial void Finished(ILogger logger, string slideId, int findingCount, int resampledCount, double seconds);
    }
}
