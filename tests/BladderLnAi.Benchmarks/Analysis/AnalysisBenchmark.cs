using System.Diagnostics;
using System.Globalization;
using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Benchmarks.Analysis;

/// <summary>
/// Analyses one slide with the two-pass pipeline and prints its stage times, then runs the full-resolution sliding
/// window over the same tissue fields and prints the ratio of the two times.
/// </summary>
/// <remarks>
/// The two-pass method runs twice: with the default settings, and with a saliency threshold so low that every field
/// with tissue is resampled, the most network time the method can spend on a slide (two passes per field).
/// </remarks>
public static class AnalysisBenchmark
{
    /// <summary>Saliency threshold that marks every grid cell with any probability as suspicious.</summary>
    private const float ResampleEverythingThreshold = 0.001f;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(AnalysisBenchmarkOptions options)
    {
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        using var model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, options.Device);
        using var slide = WholeSlideImage.Open(options.SlidePath);
        var slideId = SlideIds.Slugify(Path.GetFileNameWithoutExtension(slide.FilePath));
        Console.WriteLine($"Slide: {slide}");
        Console.WriteLine($"Model: {model.Manifest.Name} {model.Manifest.Version}, execution provider {model.ExecutionProvider}");

        // ONNX Runtime allocates and tunes on its first run, which would otherwise count against whichever method runs first.
        model.Segment(new RgbImage(model.InputSize, model.InputSize));

        var defaults = new AnalysisOptions();
        var standard = new SlideAnalyzer(model, defaults).Analyze(slide, slideId);
        var peakAfterTwoPass = CurrentPeakWorkingSet();
        var everything = defaults with { Saliency = new SaliencyOptions { Threshold = ResampleEverythingThreshold } };
        var resampled = new SlideAnalyzer(model, everything).Analyze(slide, slideId);
        PrintTwoPass(standard, resampled, peakAfterTwoPass);

        var window = SlidingWindowAnalyzer.Run(slide, model, defaults);
        PrintSlidingWindow(window, standard, resampled);
        return 0;
    }

    private static void PrintTwoPass(AnalysisResult standard, AnalysisResult resampled, long peakWorkingSet)
    {
        Console.WriteLine();
        Console.WriteLine("| two-pass stage | seconds, default settings | seconds, every field resampled |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var stage in Enum.GetValues<AnalysisStage>())
        {
            Console.WriteLine(string.Create(
                Invariant,
                $"| {stage} | {Seconds(standard, stage):F3} | {Seconds(resampled, stage):F3} |"));
        }

        Console.WriteLine(string.Create(
            Invariant,
            $"| total | {standard.TotalTime.TotalSeconds:F3} | {resampled.TotalTime.TotalSeconds:F3} |"));
        Console.WriteLine(string.Create(
            Invariant,
            $"| fields (resampled) | {standard.Fields.Count} ({Resampled(standard)}) | {resampled.Fields.Count} ({Resampled(resampled)}) |"));
        Console.WriteLine(string.Create(
            Invariant,
            $"| fields per second | {FieldsPerSecond(standard):F2} | {FieldsPerSecond(resampled):F2} |"));
        Console.WriteLine(string.Create(
            Invariant,
            $"| findings | {standard.Findings.Count} | {resampled.Findings.Count} |"));
        Console.WriteLine(string.Create(
            Invariant,
            $"Peak working set after the default two-pass analysis (model loaded): {peakWorkingSet / (1024.0 * 1024.0):F0} MiB"));
    }

    private static void PrintSlidingWindow(SlidingWindowResult window, AnalysisResult standard, AnalysisResult resampled)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(
            Invariant,
            $"Sliding window at level 0: {window.Fields} fields, {window.Windows} windows, {window.Total.TotalSeconds:F2} s "
            + $"(planning {window.Planning.TotalSeconds:F2} s, reading {window.Reading.TotalSeconds:F2} s, "
            + $"segmenting {window.Segmenting.TotalSeconds:F2} s)"));
        Console.WriteLine(string.Create(
            Invariant,
            $"Peak working set after all runs: {CurrentPeakWorkingSet() / (1024.0 * 1024.0):F0} MiB; load {MachineInfo.ReadLoadAverage()}"));
        Console.WriteLine(string.Create(
            Invariant,
            $"Network passes: two-pass {NetworkPasses(standard)} (default), {NetworkPasses(resampled)} (every field resampled); "
            + $"sliding window {window.Windows}"));
        Console.WriteLine(string.Create(
            Invariant,
            $"two-pass / sliding window time: default x{standard.TotalTime / window.Total:F3}, "
            + $"every field resampled x{resampled.TotalTime / window.Total:F3}"));
    }

    private static double Seconds(AnalysisResult result, AnalysisStage stage) =>
        result.StageTimes.GetValueOrDefault(stage).TotalSeconds;

    private static int Resampled(AnalysisResult result) => result.Fields.Count(field => field.Resampled);

    /// <summary>Returns the segmentations a two-pass run made: one per field, and one more per resampled field.</summary>
    private static int NetworkPasses(AnalysisResult result) => result.Fields.Count + Resampled(result);

    private static double FieldsPerSecond(AnalysisResult result) => result.Fields.Count / result.TotalTime.TotalSeconds;

    private static long CurrentPeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
