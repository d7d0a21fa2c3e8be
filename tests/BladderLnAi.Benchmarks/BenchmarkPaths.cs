using BladderLnAi.Tests;

namespace BladderLnAi.Benchmarks;

/// <summary>Files the benchmarks start or read: the built web host, the reference server and the sample slides.</summary>
public static class BenchmarkPaths
{
    /// <summary>The three sample slides the tile benchmark serves when no <c>--slides</c> folder is given.</summary>
    public static readonly string[] DefaultTileSlides =
        ["CMU-1-Small-Region.svs", "test3-DAPI-2-387.ndpi", "CMU-1-Small-Region-generic.tiff"];

    /// <summary>The folder of the reference server script and its install script, copied beside the benchmark.</summary>
    public static string ReferenceDirectory => Path.Combine(AppContext.BaseDirectory, "Reference");

    /// <summary>Returns the web host assembly built in the same configuration as the benchmark.</summary>
    /// <exception cref="FileNotFoundException">The web host has not been built.</exception>
    public static string WebHostAssembly()
    {
        var separator = Path.DirectorySeparatorChar;
        var configuration = AppContext.BaseDirectory.Contains($"{separator}Release{separator}") ? "Release" : "Debug";
        var path = Path.Combine(
            TestPaths.RepositoryRoot, "src", "BladderLnAi.Web", "bin", configuration, "net10.0", "linux-x64", "BladderLnAi.Web.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The web host '{path}' is missing. Build it with 'dotnet build tests/BladderLnAi.Benchmarks -c {configuration}'.",
                path);
    }
}
