using System.Globalization;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Cli;

/// <summary>Writes synthetic lymph-node slides with ground-truth tumour foci.</summary>
public static class SynthCommand
{
    public const int MaximumCount = 1000;

    public static int Run(ParsedArguments arguments, TextWriter output)
    {
        arguments.RejectUnknownOptions("seed", "out", "count", "width", "height", "mpp", "tumour-free-count");
        if (arguments.Positional.Count > 0)
        {
            throw new UsageException(
                $"synth takes no positional arguments but got: {string.Join(' ', arguments.Positional)}.");
        }

        var seed = ParseInteger(arguments, "seed", null, 0, int.MaxValue);
        var outDirectory = arguments.Option("out")
            ?? throw new UsageException("Missing --out DIR: the folder to write the slides to.");
        var count = ParseInteger(arguments, "count", 1, 1, MaximumCount);
        if ((long)seed + count - 1 > int.MaxValue)
        {
            throw new UsageException($"--seed {seed} with --count {count} runs past the largest seed, {int.MaxValue}.");
        }

        // The last slides of the run are the tumour-free ones, so adding them keeps the seeds of the others.
        var tumourFreeCount = ParseInteger(arguments, "tumour-free-count", 0, 0, count);

        var template = new SyntheticSlideOptions
        {
            Width = ParseInteger(arguments, "width", 8192, SyntheticSlideOptions.MinimumSide, SyntheticSlideOptions.MaximumSide),
            Height = ParseInteger(arguments, "height", 8192, SyntheticSlideOptions.MinimumSide, SyntheticSlideOptions.MaximumSide),
            MicronsPerPixel = ParseMicronsPerPixel(arguments),
        };

        for (var i = 0; i < count; i++)
        {
            var options = template with { Seed = seed + i, TumourFree = i >= count - tumourFreeCount };
            var result = SyntheticSlideGenerator.Generate(options, outDirectory);
            output.WriteLine(Describe(result));
        }

        return CommandLine.Success;
    }

    private static string Describe(SyntheticSlideResult result)
    {
        var plan = result.Plan;
        var byClass = plan.Foci.GroupBy(focus => focus.SizeClass).ToDictionary(group => group.Key, group => group.Count());
        var classes = string.Join(", ", new[] { SizeClass.IsolatedTumourCells, SizeClass.Micrometastasis, SizeClass.Macrometastasis }
            .Select(sizeClass => $"{sizeClass.Code()} {byClass.GetValueOrDefault(sizeClass)}"));
        var contents = plan.Options.TumourFree
            ? "no tumour"
            : string.Create(CultureInfo.InvariantCulture, $"{plan.Foci.Count} foci ({classes})");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {result.SlidePath} ({plan.Options.Width} x {plan.Options.Height}, {plan.Levels.Count} levels, "
            + $"{result.SlideBytes / 1048576.0:F1} MiB) and {result.GeoJsonPath}: {contents} "
            + $"in {result.Elapsed.TotalSeconds:F1} s");
    }

    private static int ParseInteger(ParsedArguments arguments, string name, int? fallback, int minimum, int maximum)
    {
        var text = arguments.Option(name);
        if (text is null)
        {
            return fallback ?? throw new UsageException($"Missing --{name}: an integer from {minimum} to {maximum}.");
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < minimum || value > maximum)
        {
            throw new UsageException($"--{name} '{text}' is not valid; use an integer from {minimum} to {maximum}.");
        }

        return value;
    }

    private static double ParseMicronsPerPixel(ParsedArguments arguments)
    {
        var text = arguments.Option("mpp");
        if (text is null)
        {
            return 0.25;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value)
            || value < SyntheticSlideOptions.MinimumMicronsPerPixel
            || value > SyntheticSlideOptions.MaximumMicronsPerPixel)
        {
            throw new UsageException(
                $"--mpp '{text}' is not valid; use microns per pixel from {SyntheticSlideOptions.MinimumMicronsPerPixel} "
                + $"to {SyntheticSlideOptions.MaximumMicronsPerPixel}.");
        }

        return value;
    }
}
