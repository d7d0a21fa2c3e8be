using BladderLnAi.Inference;
using BladderLnAi.Tests;

namespace BladderLnAi.Benchmarks.Analysis;

/// <summary>Settings of the analysis benchmark, parsed from the command line.</summary>
/// <param name="SlidePath">Slide to analyse.</param>
/// <param name="Device">ONNX Runtime execution provider to request.</param>
public sealed record AnalysisBenchmarkOptions(string SlidePath, ExecutionDevice Device)
{
    /// <summary>Parses <c>[--slide PATH] [--device auto|cpu|cuda]</c>.</summary>
    /// <exception cref="BenchmarkArgumentException">An option is unknown or the slide file is missing.</exception>
    public static AnalysisBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? slide = null;
        var device = ExecutionDevice.Auto;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--slide" when i + 1 < args.Count:
                    slide = Path.GetFullPath(args[++i]);
                    break;
                case "--device" when i + 1 < args.Count:
                    device = ParseDevice(args[++i]);
                    break;
                default:
                    throw new BenchmarkArgumentException($"Invalid analysis option '{args[i]}'.");
            }
        }

        slide ??= TestPaths.SampleSlide("CMU-1-Small-Region.svs");
        if (!File.Exists(slide))
        {
            throw new BenchmarkArgumentException($"Slide '{slide}' was not found. Pass an existing slide file to --slide.");
        }

        return new AnalysisBenchmarkOptions(slide, device);
    }

    private static ExecutionDevice ParseDevice(string text) => text.ToLowerInvariant() switch
    {
        "auto" => ExecutionDevice.Auto,
        "cpu" => ExecutionDevice.Cpu,
        "cuda" => ExecutionDevice.Cuda,
        _ => throw new BenchmarkArgumentException($"Invalid --device '{text}'. Use auto, cpu or cuda."),
    };
}
