using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Tests;
using BladderLnAi.Tests.Results;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// A real host with two written analyses: six square findings, one of them at a known level-0 position, on
/// CMU-1-Small-Region.svs, and 5,000 findings on CMU-1-Small-Region-generic.tiff.
/// </summary>
public sealed class OverlayHostFixture : IAsyncLifetime
{
    public const string SquareSlide = "cmu-1-small-region";
    public const string ManySlide = "cmu-1-small-region-generic";
    public const int ManyCount = 5000;

    /// <summary>A scale with no short binary or decimal form, so that any rounding of coordinates shows.</summary>
    public const double SquareScale = 4.00212345;

    /// <summary>The known square, the most probable finding (id 1) on its slide.</summary>
    public static readonly HeatmapSquare Square = new(150, 200, 10, 0.95f);

    /// <summary>Further squares, three of them in the default uncertain band of 0.5 to 0.7.</summary>
    public static readonly HeatmapSquare[] OtherSquares =
    [
        new(300, 120, 6, 0.85f),
        new(400, 500, 8, 0.75f),
        new(80, 600, 5, 0.65f),
        new(450, 300, 7, 0.6f),
        new(250, 650, 4, 0.55f),
    ];

    public WebHostProcess Host { get; } = new();

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var analyses = Path.Combine(Host.DataDirectory, "analyses");
        var manyPath = TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff");
        var (width, height) = SyntheticAnalysis.HeatmapSize(manyPath, 4);
        var squareJob = SyntheticAnalysis.Write(
            analyses, TestPaths.SampleSlide("CMU-1-Small-Region.svs"), SquareSlide, SquareScale, [Square, .. OtherSquares]);
        var manyJob = SyntheticAnalysis.Write(analyses, manyPath, ManySlide, 4, SyntheticAnalysis.Grid(ManyCount, width, height));

        var options = new DbContextOptionsBuilder<BladderLnAiDbContext>();
        DatabaseServiceExtensions.Configure(options, new DatabaseOptions(), Path.Combine(Host.DataDirectory, "bladderln.db"));
        await using var database = new BladderLnAiDbContext(options.Options);
        await SyntheticAnalysis.SaveAsync(database, squareJob);
        await SyntheticAnalysis.SaveAsync(database, manyJob);
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
