using BladderLnAi.Analysis;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;
using BladderLnAi.Tests;
using BladderLnAi.Training.Evaluation;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class SlidingWindowAnalyzerTests
{
    [Fact]
    public void ToHeatmap_IntegerScale_AveragesBlocks()
    {
        // An 8 x 8 window at level-0 (8, 4) with scale 4 covers heatmap pixels 2-3 across and 1-2 down.
        var window = new FloatMap(8, 8);
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                window[x, y] = x < 4 ? 1f : 0f;
            }
        }

        window[4, 4] = 1f;

        var (tile, left, top) = SlidingWindowAnalyzer.ToHeatmap(window, 8, 4, 4, heatmapWidth: 100, heatmapHeight: 100);

        Assert.NotNull(tile);
        Assert.Equal((2, 1), (left, top));
        Assert.Equal((2, 2), (tile.Width, tile.Height));
        Assert.Equal(1f, tile[0, 0]);
        Assert.Equal(0f, tile[1, 0]);
        Assert.Equal(1f / 16f, tile[1, 1]);
    }

    [Fact]
    public void ToHeatmap_TilingWindows_CoverPixelsOnce()
    {
        // A scale of 3.3 does not divide the window side, so window edges cut through heatmap pixels.
        const double scale = 3.3;
        const int side = 16;
        const int heatmapSide = 30;
        var covered = new int[heatmapSide * heatmapSide];
        for (var row = 0; row < 7; row++)
        {
            for (var column = 0; column < 7; column++)
            {
                var window = new FloatMap(side, side);
                var (tile, left, top) = SlidingWindowAnalyzer.ToHeatmap(
                    window, column * side, row * side, scale, heatmapSide, heatmapSide);
                if (tile is null)
                {
                    continue;
                }

                for (var y = 0; y < tile.Height; y++)
                {
                    for (var x = 0; x < tile.Width; x++)
                    {
                        covered[(top + y) * heatmapSide + left + x]++;
                    }
                }
            }
        }

        // 7 windows of 16 cover 112 level-0 pixels, which hold the centres of heatmap pixels 0 to 33, so all 30.
        Assert.All(covered, count => Assert.Equal(1, count));
    }

    [Fact]
    public void WindowsCovering_OverlappingFields_ListsEachWindowOnce()
    {
        var fields = new List<FieldPlan>
        {
            new(0, 0, 0, 1000, 0, 0, 1),
            new(1, 900, 0, 1000, 0, 0, 1),
        };
        var plan = new AnalysisPlan(1000, 4, 10, 10, 250, fields, 2, null!, 1, false);

        var windows = SlidingWindowAnalyzer.WindowsCovering(plan, 512, slideWidth: 1800, slideHeight: 1000);

        // Columns 0-3 (the last one clipped to the slide's 4 columns) and rows 0-1.
        Assert.Equal(8, windows.Count);
        Assert.Equal(windows.Distinct().Count(), windows.Count);
        Assert.Equal((0, 0), windows[0]);
        Assert.Equal((3, 1), windows[^1]);
    }

    [Fact]
    public void Analyze_RealSlide_SegmentsLevelZeroWindows()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var model = new CountingSegmentationModel(new DarkPixelModel());

        var result = new SlidingWindowAnalyzer(model, new AnalysisOptions()).Analyze(slide);

        // 2220 x 2967 level-0 pixels need at most 5 x 6 windows of 512.
        Assert.InRange(result.Windows, 1, 30);
        Assert.Equal(result.Windows, model.Passes);
        Assert.Equal(result.Plan.HeatmapWidth, result.Heatmap.Width);
        Assert.NotEmpty(result.Findings);
    }
}
