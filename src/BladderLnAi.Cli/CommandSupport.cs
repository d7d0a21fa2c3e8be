using System.Globalization;
using BladderLnAi.Analysis;
using BladderLnAi.Inference;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Cli;

/// <summary>Option parsing and console logging shared by the commands that load the model.</summary>
public static class CommandSupport
{
    /// <summary>Parses <c>--device</c>: auto, cpu or cuda, in any case.</summary>
    public static ExecutionDevice ParseDevice(string value) => value.ToLowerInvariant() switch
    {
        "auto" => ExecutionDevice.Auto,
        "cpu" => ExecutionDevice.Cpu,
        "cuda" => ExecutionDevice.Cuda,
        _ => throw new UsageException($"--device '{value}' is not valid; use auto, cpu or cuda."),
    };

    /// <summary>
    /// Returns the default analysis settings with <c>--saliency-threshold</c>, when given, as the probability from
    /// which the uniform pass's response is magnified in the resampled pass.
    /// </summary>
    public static AnalysisOptions ParseAnalysisOptions(ParsedArguments arguments)
    {
        var options = new AnalysisOptions();
        var text = arguments.Option("saliency-threshold");
        if (text is null)
        {
            return options;
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
            || !(threshold > 0f && threshold < 1f))
        {
            throw new UsageException(
                $"--saliency-threshold '{text}' is not valid; use a probability strictly between 0 and 1.");
        }

        return options with { Saliency = options.Saliency with { Threshold = threshold } };
    }

    /// <summary>Creates a single-line console logger with a time of day on each line.</summary>
    public static ILoggerFactory CreateLoggerFactory() =>
        LoggerFactory.Create(builder => builder.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        }));
}
