using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Imaging.Tests.Segmentation;

namespace BladderLnAi.Imaging.Tests.Geometry;

[Trait("Category", "Imaging")]
public class ContourTracerTests
{
    [Fact]
    public void SinglePixel_GivesFourCorners()
    {
        var labels = ConnectedComponents.Label(MaskParser.Parse(
            "...",
            "..X"));

        var outline = ContourTracer.TraceOuterBoundary(labels, 1);

        Assert.Equal([new PointD(2, 1), new PointD(3, 1), new PointD(3, 2), new PointD(2, 2)], outline);
        Assert.Equal(1, PolygonGeometry.Area(outline));
    }

    [Fact]
    public void LShape_GivesExpectedPolygon()
    {
        var labels = ConnectedComponents.Label(MaskParser.Parse(
            "X..",
            "X..",
            "XX."));

        var outline = ContourTracer.TraceOuterBoundary(labels, 1);

        Assert.Equal(
            [
                new PointD(0, 0), new PointD(1, 0), new PointD(1, 2),
                new PointD(2, 2), new PointD(2, 3), new PointD(0, 3),
            ],
            outline);
        Assert.Equal(4, PolygonGeometry.Area(outline));
    }

    [Fact]
    public void Outline_IgnoresHolesAndOtherComponents()
    {
        var labels = ConnectedComponents.Label(MaskParser.Parse(
            "X.....",
            "..XXX.",
            "..X.X.",
            "..XXX."));

        var outline = ContourTracer.TraceOuterBoundary(labels, 2);

        Assert.Equal([new PointD(2, 1), new PointD(5, 1), new PointD(5, 4), new PointD(2, 4)], outline);
        Assert.Equal(9, PolygonGeometry.Area(outline));
    }

    [Fact]
    public void DiagonalPixels_ShareOneOutlineThroughTheCorner()
    {
        var labels = ConnectedComponents.Label(MaskParser.Parse(
            "X.",
            ".X"));

        var outline = ContourTracer.TraceOuterBoundary(labels, 1);

        Assert.Equal(
            [
                new PointD(0, 0), new PointD(1, 0), new PointD(1, 1), new PointD(2, 1),
                new PointD(2, 2), new PointD(1, 2), new PointD(1, 1), new PointD(0, 1),
            ],
            outline);
        Assert.Equal(2, PolygonGeometry.Area(outline));
    }

    [Fact]
    public void RandomBlobs_OutlineAreaMatchesPixelCount()
    {
        var random = new Random(11);
        var mask = new BinaryMask(40, 30);
        for (var i = 0; i < mask.Values.Length; i++)
        {
            mask.Values[i] = random.NextDouble() < 0.55;
        }

        var labels = ConnectedComponents.Label(mask);
        foreach (var component in labels.Components)
        {
            var outline = ContourTracer.TraceOuterBoundary(labels, component.Label);
            var area = PolygonGeometry.Area(outline);
            Assert.True(
                area >= component.Area,
                $"Component {component.Label}: outline area {area} is below its {component.Area} pixels.");
        }
    }

    [Fact]
    public void UnknownLabel_IsRejected()
    {
        var labels = ConnectedComponents.Label(MaskParser.Parse("X"));

        Assert.Throws<ArgumentOutOfRangeException>(() => ContourTracer.TraceOuterBoundary(labels, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContourTracer.TraceOuterBoundary(labels, 0));
    }
}
