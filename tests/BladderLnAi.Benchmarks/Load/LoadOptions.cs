using System.Globalization;
using BladderLnAi.Tests;

namespace BladderLnAi.Benchmarks.Load;

/// <summary>Settings of the load test, parsed from the command line.</summary>
/// <param name="Viewers">Simulated viewers panning and zooming at once.</param>
/// <param name="Duration">How long the viewers send requests; the run stops then, whatever is left.</param>
/// <param name="SlideFolders">Folders whose slides the server serves and the viewers open.</param>
public sealed record LoadOptions(int Viewers, TimeSpan Duration, IReadOnlyList<string> SlideFolders)
{
    /// <summary>Viewport steps per slide in one viewer's session before it starts over.</summary>
    public const int StepsPerSlide = 40;

    /// <summary>Most requests one viewer sends, a bound besides the time limit.</summary>
    public const int MaxRequestsPerViewer = 20_000;

    /// <summary>Parses <c>[--viewers N] [--seconds S] [--slides DIR]...</c>.</summary>
    /// <exception cref="BenchmarkArgumentException">An option is unknown, out of range or a folder is missing.</exception>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var viewers = 32;
        var seconds = 60;
        var folders = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--viewers" when i + 1 < args.Count:
                    viewers = ParseCount(args[++i], "--viewers", 1, 256);
                    break;
                case "--seconds" when i + 1 < args.Count:
                    seconds = ParseCount(args[++i], "--seconds", 5, 3600);
                    break;
                case "--slides" when i + 1 < args.Count:
                    var folder = Path.GetFullPath(args[++i]);
                    folders.Add(Directory.Exists(folder)
                        ? folder
                        : throw new BenchmarkArgumentException($"Slide folder '{folder}' was not found. Pass an existing folder to --slides."));
                    break;
                default:
                    throw new BenchmarkArgumentException($"Invalid load option '{args[i]}'.");
            }
        }

        return new LoadOptions(viewers, TimeSpan.FromSeconds(seconds), folders.Count > 0 ? folders : [TestPaths.SampleSlides]);
    }

    private static int ParseCount(string text, string option, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new BenchmarkArgumentException($"{option} must be a whole number from {min} to {max}, not '{text}'.");
}
