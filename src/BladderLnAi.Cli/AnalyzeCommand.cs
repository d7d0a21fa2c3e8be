using System.Text.Json;
using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Cli;

/// <summary>Runs the two-pass analysis of one slide headless and writes its results to a folder.</summary>
public static class AnalyzeCommand
{
    public static int Run(ParsedArguments arguments, TextWriter output)
    {
        arguments.RejectUnknownOptions("out", "model", "device", "slide-id", "saliency-threshold");
        var slidePath = arguments.SinglePositional("SLIDE path");
        var outDirectory = arguments.Option("out")
            ?? throw new UsageException("Missing --out DIR: the folder to write the results to.");
        var device = CommandSupport.ParseDevice(arguments.Option("device") ?? "auto");
        var analysisOptions = CommandSupport.ParseAnalysisOptions(arguments);
        RequireWritableFolder(outDirectory);
        var modelDirectory = arguments.Option("model") ?? ModelLocator.FindDefault();
        var slideId = arguments.Option("slide-id") ?? SlideIds.Slugify(Path.GetFileNameWithoutExtension(slidePath));

        using var loggerFactory = CommandSupport.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger("bladderln");
        using var slide = WholeSlideImage.Open(slidePath);
        using var model = OnnxSegmentationModel.Load(modelDirectory, device, logger);

        var writer = new AnalysisResultWriter(outDirectory);
        var analyzer = new SlideAnalyzer(model, analysisOptions, logger);
        var result = analyzer.Analyze(slide, slideId, new SynchronousProgress(output), writer);
        var summary = writer.Write(result);
        output.WriteLine(JsonSerializer.Serialize(summary.FindingsBySizeClass));
        output.WriteLine($"Wrote {result.Findings.Count} findings to {writer.Directory}");
        return CommandLine.Success;
    }

    /// <summary>Creates the output folder before the slow model load, so that a bad --out fails at once.</summary>
    private static void RequireWritableFolder(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--out '{directory}' is not a writable folder ({ex.Message}). Pass a folder you can write to.");
        }
    }

    private static void PrintProgress(TextWriter output, AnalysisProgress report)
    {
        var eta = report.EstimatedRemaining is { } remaining ? $", about {remaining.TotalSeconds:F0} s left" : "";
        output.WriteLine($"{report.Stage}: field {report.FieldsDone}/{report.FieldsTotal}{eta}");
    }

    /// <summary>Prints progress on the analysing thread, so lines appear in order.</summary>
    private sealed class SynchronousProgress(TextWriter output) : IProgress<AnalysisProgress>
    {
        private AnalysisStage? _last;
        private int _lastDone = -1;

        public void Report(AnalysisProgress value)
        {
            if (value.Stage == _last && value.FieldsDone == _lastDone)
            {
                return;
            }

            _last = value.Stage;
            _lastDone = value.FieldsDone;
            PrintProgress(output, value);
        }
    }
}
