using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Analysis.Tests.Pipeline;

[Trait("Category", "Analysis")]
public class HeatmapAccumulatorTests
{
    [Fact]
    public void Build_OverlappingFields_AveragesSharedPixels()
    {
        // Two 3 x 3 fields on a 4 x 4 heatmap: A at (0, 0) with 0.2, B at (1, 1) with 0.6.
        var accumulator = new HeatmapAccumulator(4, 4);
        accumulator.Add(Uniform(3, 3, 0.2f), left: 0, top: 0);
        accumulator.Add(Uniform(3, 3, 0.6f), left: 1, top: 1);

        var heatmap = accumulator.Build(AllTissue(4, 4), heatmapScale: 1, tissueScale: 1);

        Assert.Equal(0.2f, heatmap[0, 0], precision: 6);
        Assert.Equal(0.2f, heatmap[2, 0], precision: 6);
        Assert.Equal(0.4f, heatmap[1, 1], precision: 6);
        Assert.Equal(0.4f, heatmap[2, 2], precision: 6);
        Assert.Equal(0.6f, heatmap[3, 3], precision: 6);
        Assert.Equal(0.6f, heatmap[3, 1], precision: 6);
    }

    [Fact]
    public void Build_PixelNoFieldCovers_IsZero()
    {
        var accumulator = new HeatmapAccumulator(4, 4);
        accumulator.Add(Uniform(2, 2, 0.9f), left: 0, top: 0);

        var heatmap = accumulator.Build(AllTissue(4, 4), heatmapScale: 1, tissueScale: 1);

        Assert.Equal(0.9f, heatmap[1, 1]);
        Assert.Equal(0f, heatmap[2, 2]);
        Assert.Equal(0f, heatmap[3, 0]);
    }

    [Fact]
    public void Build_PixelOutsideTissue_IsZero()
    {
        // Heatmap scale 2 and tissue scale 4: heatmap pixel x maps to tissue pixel (x + 0.5) * 2 / 4, so heatmap
        // columns and rows 0-1 fall on tissue pixel 0 and 2-3 on tissue pixel 1. Only the top-right tissue pixel is
        // background.
        var tissue = new BinaryMask(2, 2, [true, false, true, true]);
        var accumulator = new HeatmapAccumulator(4, 4);
        accumulator.Add(Uniform(4, 4, 0.7f), left: 0, top: 0);

        var heatmap = accumulator.Build(tissue, heatmapScale: 2, tissueScale: 4);

        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                var expected = x >= 2 && y < 2 ? 0f : 0.7f;
                Assert.True(
                    heatmap[x, y] == expected,
                    $"Heatmap pixel ({x}, {y}) is {heatmap[x, y]}, expected {expected}.");
            }
        }
    }

    [Fact]
    public void Add_FieldPastHeatmapEdge_IsClipped()
    {
        var accumulator = new HeatmapAccumulator(4, 3);

        accumulator.Add(Uniform(3, 3, 0.5f), left: 2, top: 1);
        var heatmap = accumulator.Build(AllTissue(4, 3), heatmapScale: 1, tissueScale: 1);

        Assert.Equal(0.5f, heatmap[3, 2]);
        Assert.Equal(0.5f, heatmap[2, 1]);
        Assert.Equal(0f, heatmap[1, 1]);
        Assert.Equal(0f, heatmap[3, 0]);
    }

    private static FloatMap Uniform(int width, int height, float value)
    {
        var map = new FloatMap(width, height);
        Array.Fill(map.Values, value);
        return map;
    }

    private static BinaryMask AllTissue(int width, int height)
    {
        var mask = new BinaryMask(width, height);
        Array.Fill(mask.Values, true);
        return mask;
    }
}
