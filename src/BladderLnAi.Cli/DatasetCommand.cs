using System.Globalization;
using BladderLnAi.Inference;
using BladderLnAi.Training.Datasets;
using BladderLnAi.Training.Evaluation;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Cli;

/// <summary>
/// Cuts the tissue fields of slides with ground truth into the original and resampled image and mask sets that
/// dual-dataset training reads.
/// </summary>
public static class DatasetCommand
{
    public static int Run(ParsedArguments arguments, TextWriter output)
    {
        arguments.RejectUnknownOptions("slides", "out", "model", "fields-per-slide", "seed");
        if (arguments.Positional.Count > 0)
        {
            throw new UsageException($"dataset takes no positional arguments but got: {string.Join(' ', arguments.Positional)}.");
        }

        var slideDirectory = arguments.Option("slides")
            ?? throw new UsageException("Missing --slides DIR: the folder of slides with ground truth beside them.");
        var outDirectory = arguments.Option("out")
            ?? throw new UsageException("Missing --out DIR: the folder to write the dataset to.");
        var modelDirectory = arguments.Option("model") ?? ModelLocator.FindDefault();
        var options = new DatasetOptions
        {
            FieldsPerSlide = ParseInteger(arguments, "fields-per-slide", new DatasetOptions().FieldsPerSlide, minimum: 1),
            Seed = ParseInteger(arguments, "seed", 0, minimum: int.MinValue),
        };
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
        var manifest = ModelManifest.Load(modelDirectory);
        DatasetSummary summary;
        try
        {
            summary = new DatasetBuilder(manifest, options, loggerFactory.CreateLogger("bladderln")).Build(slideDirectory, outDirectory);
        }
        catch (InvalidDataException ex)
        {
            throw new IOException(ex.Message, ex);
        }

        output.WriteLine(
            $"Wrote {summary.OriginalSamples} original and {summary.ResampledSamples} resampled pairs from "
            + $"{summary.Slides} slides to {Path.GetFullPath(outDirectory)}");
        return CommandLine.Success;
    }

    private static int ParseInteger(ParsedArguments arguments, string name, int fallback, int minimum)
    {
        var text = arguments.Option(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            var range = minimum == int.MinValue ? "an integer" : $"an integer of at least {minimum}";
            throw new UsageException($"--{name} '{text}' is not valid; use {range}.");
        }

        return value;
    }
}
