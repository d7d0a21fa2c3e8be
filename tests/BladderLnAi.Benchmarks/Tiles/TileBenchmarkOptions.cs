using BladderLnAi.Tests;

namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>Settings of the tile benchmark, parsed from the command line.</summary>
/// <param name="Quick">Shorter viewing sessions and time limits, so that a run takes under five minutes.</param>
/// <param name="SlideFolders">Folders whose slides both servers serve.</param>
/// <param name="SlideFileNames">Slide file names to request; empty means every slide of the folders.</param>
public sealed record TileBenchmarkOptions(bool Quick, IReadOnlyList<string> SlideFolders, IReadOnlyList<string> SlideFileNames)
{
    /// <summary>Numbers of concurrent clients, each measured with both servers.</summary>
    public static readonly int[] ClientCounts = [1, 8, 32];

    /// <summary>Viewport steps (pan or zoom) per slide in one client's viewing session.</summary>
    public int SessionSteps => Quick ? 12 : 40;

    /// <summary>Most tile requests of one warm pass, shared out among its clients.</summary>
    public int MaxWarmRequests => Quick ? 480 : 4000;

    /// <summary>Time after which a pass stops sending requests; a pass cut short is marked in the table.</summary>
    public TimeSpan PassTimeLimit => Quick ? TimeSpan.FromSeconds(45) : TimeSpan.FromMinutes(10);

    /// <summary>Time limit of one HTTP request.</summary>
    public static TimeSpan RequestTimeout => TimeSpan.FromSeconds(60);

    /// <summary>Parses <c>[--quick] [--slides DIR]...</c>.</summary>
    /// <exception cref="BenchmarkArgumentException">An option is unknown or a folder is missing.</exception>
    public static TileBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var folders = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--slides" when i + 1 < args.Count:
                    folders.Add(RequireSlideFolder(args[++i]));
                    break;
                default:
                    throw new BenchmarkArgumentException($"Invalid tiles option '{args[i]}'.");
            }
        }

        if (folders.Count > 0)
        {
            return new TileBenchmarkOptions(quick, folders, []);
        }

        return new TileBenchmarkOptions(quick, [TestPaths.SampleSlides], BenchmarkPaths.DefaultTileSlides);
    }

    private static string RequireSlideFolder(string folder)
    {
        var fullPath = Path.GetFullPath(folder);
        if (!Directory.Exists(fullPath))
        {
            throw new BenchmarkArgumentException($"Slide folder '{fullPath}' was not found. Pass an existing folder to --slides.");
        }

        return fullPath;
    }
}
