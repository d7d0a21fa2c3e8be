using BladderLnAi.Analysis;
using BladderLnAi.Inference;
using BladderLnAi.Training.Evaluation;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Cli;

/// <summary>
/// Compares the uniform pass, the two-pass analysis and a level-0 sliding window on slides with ground truth, and
/// writes the metrics and timings as REPORT.json and REPORT.md.
/// </summary>
public static class EvaluateCommand
{
    public static int Run(ParsedArguments arguments, TextWriter output)
    {
        arguments.RejectUnknownOptions("slides", "out", "model", "device", "methods", "saliency-threshold");
        if (arguments.Positional.Count > 0)
        {
            throw new UsageException($"evaluate takes no positional arguments but got: {string.Join(' ', arguments.Positional)}.");
        }

        var slideDirectory = arguments.Option("slides")
            ?? throw new UsageException("Missing --slides DIR: the folder of slides with ground truth beside them.");
        var reportPath = arguments.Option("out")
            ?? throw new UsageException("Missing --out REPORT: the report path, written as REPORT.json and REPORT.md.");
        var device = CommandSupport.ParseDevice(arguments.Option("device") ?? "auto");
        var methods = ParseMethods(arguments.Option("methods"));
        var analysisOptions = CommandSupport.ParseAnalysisOptions(arguments);
        var modelDirectory = arguments.Option("model") ?? ModelLocator.FindDefault();
        if (!Directory.Exists(slideDirectory))
        {
            throw new UsageException($"--slides folder '{slideDirectory}' was not found.");
        }

        if (GroundTruthFiles.FindSlides(slideDirectory).Count == 0)
        {
            throw new UsageException(
                $"No slide in '{slideDirectory}' has ground truth beside it; put NAME.geojson or NAME.xml next to NAME.svs.");
        }

        using var loggerFactory = CommandSupport.CreateLoggerFactory();
        var logger = loggerFactory.CreateLogger("bladderln");
        using var model = OnnxSegmentationModel.Load(modelDirectory, device, logger);
        EvaluationReport report;
        try
        {
            report = new EvaluationRunner(model, analysisOptions, logger).Run(slideDirectory, methods);
        }
        catch (InvalidDataException ex)
        {
            throw new IOException(ex.Message, ex);
        }

        var (jsonPath, markdownPath) = EvaluationReportWriter.Write(report, reportPath);
        output.WriteLine($"Evaluated {report.Slides.Count} slides; wrote {jsonPath} and {markdownPath}");
        return CommandLine.Success;
    }

    private static IReadOnlyList<EvaluationMethod> ParseMethods(string? value)
    {
        if (value is null)
        {
            return EvaluationMethods.All;
        }

        var methods = new List<EvaluationMethod>();
        foreach (var code in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!EvaluationMethods.TryParse(code, out var method))
            {
                throw new UsageException($"--methods '{code}' is not valid; use uniform, two_pass and sliding_window, comma-separated.");
            }

            if (!methods.Contains(method))
            {
                methods.Add(method);
            }
        }

        return methods.Count > 0
            ? methods
            : throw new UsageException("--methods is empty; name at least one of uniform, two_pass and sliding_window.");
    }
}
