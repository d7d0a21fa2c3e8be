using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Tests;
using BladderLnAi.Tests.Results;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Overlays;

/// <summary>
/// A host with two written analyses: one square finding at a known level-0 position on CMU-1-Small-Region.svs,
/// and 5,000 findings on CMU-1-Small-Region-generic.tiff.
/// </summary>
public sealed class OverlayFixture : IAsyncLifetime
{
    public const string SquareSlide = "cmu-1-small-region";
    public const string ManySlide = "cmu-1-small-region-generic";
    public const int ManyCount = 5000;
    public const double ManyScale = 4;

    /// <summary>
    /// A scale with no short binary or decimal form, so that any rounding of coordinates shows. The square's edges
    /// fall less than half a pixel past a level-0 pixel edge, so sampling a tile pixel at its corner instead of its
    /// centre colours a column and a row too many.
    /// </summary>
    public const double SquareScale = 4.00212345;

    /// <summary>The known square: heatmap pixels 150 to 159 across and 200 to 209 down.</summary>
    public static readonly HeatmapSquare Square = new(150, 200, 10, 0.95f);

    public BladderLnAiFactory Factory { get; } = new();

    public AnalysisJob SquareJob { get; private set; } = null!;

    public AnalysisJob ManyJob { get; private set; } = null!;

    public IReadOnlyList<HeatmapSquare> ManySquares { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        var analyses = Path.Combine(Factory.DataDirectory, "analyses");
        var manyPath = TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff");
        var (width, height) = SyntheticAnalysis.HeatmapSize(manyPath, ManyScale);
        ManySquares = [.. SyntheticAnalysis.Grid(ManyCount, width, height)];
        SquareJob = SyntheticAnalysis.Write(
            analyses, TestPaths.SampleSlide("CMU-1-Small-Region.svs"), SquareSlide, SquareScale, [Square]);
        ManyJob = SyntheticAnalysis.Write(analyses, manyPath, ManySlide, ManyScale, ManySquares);
        var databases = Factory.Services.GetRequiredService<IDbContextFactory<BladderLnAiDbContext>>();
        await using var database = await databases.CreateDbContextAsync();
        await SyntheticAnalysis.SaveAsync(database, SquareJob);
        await SyntheticAnalysis.SaveAsync(database, ManyJob);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
