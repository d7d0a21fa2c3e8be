using System.Data.Common;
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
                  [--saliency-threshold P]
              Runs the two-pass analysis and writes findings.geojson, heatmap.png, composites/ and
              summary.json into DIR.
              --model   folder with manifest.json and the ONNX file (default: models/hrnet_w18)
              --device  ONNX Runtime execution provider: auto (CUDA when it starts, else CPU), cpu or cuda
                        (default: auto)
              --saliency-threshold  uniform-pass probability from which a region is magnified in the
                        resampled pass (default: 0.2)
          bladderln info SLIDE
              Prints the slide's dimensions, levels, microns per pixel and properties as JSON.
          bladderln synth --seed S --out DIR [--count N] [--width PX] [--height PX] [--mpp UM]
                  [--tumour-free-count K]
              Writes synthetic H&E lymph-node slides DIR/synthetic-S.svs (Aperio, JPEG tiles, a pyramid) with
              their ground-truth tumour foci in DIR/synthetic-S.geojson, for seeds S, S+1, ... S+N-1.
              --count  slides (default: 1); --width, --height  level-0 size in pixels (default: 8192);
              --mpp  microns per pixel (default: 0.25);
              --tumour-free-count  how many of the slides, the last ones, have no tumour (default: 0)
          bladderln evaluate --slides DIR --out REPORT [--model DIR] [--device auto|cpu|cuda] [--methods LIST]
                  [--saliency-threshold P]
              Runs the uniform pass, the two-pass analysis and a level-0 sliding window on every slide in DIR
              with NAME.geojson or NAME.xml ground truth beside it, and writes REPORT.json and REPORT.md.
              --methods  comma-separated subset of uniform,two_pass,sliding_window (default: all three)
              --saliency-threshold  as for analyze
          bladderln dataset --slides DIR --out DIR [--model DIR] [--fields-per-slide N] [--seed S]
              Cuts tissue fields of slides with ground truth into image and mask PNGs at the model's input
              size and resolution, plain (original/) and resampled by the analysis's sampler (resampled/).
              --fields-per-slide  fields per slide (default: 32); --seed  seed of field choice and noise (default: 0)
          bladderln db migrate --database DB
              Applies the pending EF Core migrations to DB. A SQLite file created without migrations is copied
              into a migrated file, and the old file is kept as NAME.pre-migrations.
          bladderln db copy --from DB --to DB
              Migrates both databases, copies every row of every table (accounts, OpenID Connect clients and
              tokens, sites, jobs, audit log) into the empty target, and compares the row counts per table.
              DB is sqlite:PATH or postgres:CONNECTION, for example
              postgres:"Host=localhost;Database=bladderln;Username=bladderln;Password=..."
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
                "synth" => SynthCommand.Run(parsed, output),
                "evaluate" => EvaluateCommand.Run(parsed, output),
                "dataset" => DatasetCommand.Run(parsed, output),
                "db" => await DbCommand.RunAsync(parsed, output, error),
                _ => throw new UsageException($"Unknown command '{args[0]}'. Use analyze, info, synth, dataset, evaluate or db."),
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
        catch (DbException ex)
        {
            await error.WriteLineAsync($"error: the database failed: {ex.Message}");
            return Failure;
        }
        catch (InvalidOperationException ex) when (args[0] == "db")
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
    }
}

/// <summary>Raised for invalid command-line arguments; the message names the argument and the fix.</summary>
public sealed class UsageException(string message) : Exception(message);
