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

    /// <summary>Creates a single-line console logger with a time of day on each line.</summary>
    public static ILoggerFactory CreateLoggerFactory() =>
        LoggerFactory.Create(builder => builder.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        }));
}
