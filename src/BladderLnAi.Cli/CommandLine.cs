using BladderLnAi.Inference;
using BladderLnAi.Slides;

namespace BladderLnAi.Cli;

/// <summary>
/// The <c>bladderln</c> command line: <c>analyze</c> runs the two-pass analysis headless, <c>info</c> prints a
/// slide's properties.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int SlideError = 3;
    public const int ModelError = 4;

    public const string Usage = """
        Usage:
          bladderln analyze SLIDE --out DIR [--model DIR] [--device auto|cpu|cuda] [--slide-id ID]
              Runs the two-pass analysis and writes findings.geojson, heatmap.png, composites/ and
              summary.json into DIR.
              --model   folder with manifest.json and the ONNX file (default: models/hrnet_w18)
              --device  ONNX Runtime execution provider: auto (CUDA when it starts, else CPU), cpu or cuda
                        (default: auto)
          bladderln info SLIDE
              Prints the slide's dimensions, levels, microns per pixel and properties as JSON.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return Success;
        }

        try
        {
            var parsed = ParsedArguments.Parse(args.Skip(1));
            return args[0] switch
            {
                "analyze" or "analyse" => AnalyzeCommand.Run(parsed, output),
                "info" => InfoCommand.Run(parsed, output),
                _ => throw new UsageException($"Unknown command '{args[0]}'. Use 'analyze' or 'info'."),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync(Usage);
            return UsageError;
        }
        catch (SlideException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return SlideError;
        }
        catch (ModelLoadException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ModelError;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
        catch (UnauthorizedAccessException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
    }
}

/// <summary>Raised for invalid command-line arguments; the message names the argument and the fix.</summary>
public sealed class UsageException(string message) : Exception(message);
