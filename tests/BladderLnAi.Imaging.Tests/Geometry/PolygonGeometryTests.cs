using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Imaging.Tests.Geometry;

[Trait("Category", "Imaging")]
public class PolygonGeometryTests
{
    private static readonly PointD[] Rectangle3By4 = [new(0, 0), new(3, 0), new(3, 4), new(0, 4)];

    [Fact]
    public void MaxFeretDiameter_OfRectangleIsDiagonal()
    {
        Assert.Equal(5, PolygonGeometry.MaxFeretDiameter(Rectangle3By4), 1e-12);
    }

    [Fact]
    public void Area_IsPositiveForBothOrientations()
    {
        Assert.Equal(12, PolygonGeometry.Area(Rectangle3By4));
        Assert.Equal(12, PolygonGeometry.Area(Rectangle3By4.Reverse().ToArray()));
    }

    [Fact]
    public void ConvexHull_DropsInteriorAndCollinearPoints()
    {
        PointD[] points =
        [
            new(1, 1), new(0, 0), new(1.5, 0), new(3, 0), new(3, 4),
            new(2, 2), new(0, 4), new(0, 2), new(3, 0),
        ];

        var hull = PolygonGeometry.ConvexHull(points);

        Assert.Equal([new PointD(0, 0), new PointD(3, 0), new PointD(3, 4), new PointD(0, 4)], hull);
    }

    [Fact]
    public void ConvexHull_OfTooFewPointsReturnsThem()
    {
        Assert.Empty(PolygonGeometry.ConvexHull([]));
        Assert.Single(PolygonGeometry.ConvexHull([new PointD(1, 2), new PointD(1, 2)]));
        Assert.Equal(0, PolygonGeometry.MaxFeretDiameter([new PointD(1, 2)]));
    }
}
