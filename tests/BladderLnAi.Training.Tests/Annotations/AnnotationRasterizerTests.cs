using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Training.Annotations;

namespace BladderLnAi.Training.Tests.Annotations;

[Trait("Category", "Model")]
public class AnnotationRasterizerTests
{
    [Theory]
    [InlineData(1.0, 100, 6000)] // 80 x 80 square minus a 20 x 20 hole
    [InlineData(2.0, 50, 1500)] // 40 x 40 minus 10 x 10 at half resolution
    public void Rasterize_SquareWithSquareHole_CountsPixels(double scale, int size, int expected)
    {
        var region = new AnnotatedRegion(Square(10, 10, 80), [Square(30, 30, 20)], "Tumor");

        var mask = AnnotationRasterizer.Rasterize([region], scale, size, size);

        Assert.Equal(expected, mask.Count());
        Assert.False(mask[40 / (int)scale, 40 / (int)scale]);
        Assert.True(mask[20 / (int)scale, 20 / (int)scale]);
    }

    [Fact]
    public void Rasterize_OverlappingRegions_FillsUnion()
    {
        AnnotatedRegion[] regions = [new(Square(0, 0, 10), [], null), new(Square(5, 0, 10), [], null)];

        var mask = AnnotationRasterizer.Rasterize(regions, 1, 20, 20);

        Assert.Equal(150, mask.Count());
    }

    [Fact]
    public void Rasterize_RegionPastEdge_IsClipped()
    {
        var region = new AnnotatedRegion(Square(-5, -5, 10), [], null);

        var mask = AnnotationRasterizer.Rasterize([region], 1, 10, 10);

        Assert.Equal(25, mask.Count());
    }

    [Fact]
    public void Rasterize_Triangle_FollowsPixelCentres()
    {
        // Right triangle with legs of 10: pixel (x, y) is set when x + 0.5 + y + 0.5 < 10.
        var region = new AnnotatedRegion([new(0, 0), new(10, 0), new(0, 10)], [], null);

        var mask = AnnotationRasterizer.Rasterize([region], 1, 10, 10);

        Assert.Equal(45, mask.Count());
    }

    [Fact]
    public void Rasterize_NonPositiveScale_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AnnotationRasterizer.Rasterize([], 0, 10, 10));
    }

    internal static IReadOnlyList<PointD> Square(double x, double y, double side) =>
        [new(x, y), new(x + side, y), new(x + side, y + side), new(x, y + side)];
}
