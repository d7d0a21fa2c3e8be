using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Training.Evaluation;
using static BladderLnAi.Training.Tests.Evaluation.Shapes;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class PolygonProximityTests
{
    [Fact]
    public void Overlaps_CrossingSquares_ReturnsTrue()
    {
        Assert.True(PolygonProximity.Overlaps(Square(0, 0, 10), Square(5, 5, 10)));
    }

    [Fact]
    public void Overlaps_SquareInsideSquare_ReturnsTrueBothWays()
    {
        var outer = Square(0, 0, 100);
        var inner = Square(40, 40, 5);

        Assert.True(PolygonProximity.Overlaps(outer, inner));
        Assert.True(PolygonProximity.Overlaps(inner, outer));
    }

    [Fact]
    public void Overlaps_SquaresSharingAnEdge_ReturnsTrue()
    {
        Assert.True(PolygonProximity.Overlaps(Square(0, 0, 10), Square(10, 0, 10)));
    }

    [Fact]
    public void Overlaps_SeparateSquares_ReturnsFalse()
    {
        Assert.False(PolygonProximity.Overlaps(Square(0, 0, 10), Square(13, 0, 10)));
    }

    [Fact]
    public void Overlaps_PointInsideSquare_ReturnsTrue()
    {
        IReadOnlyList<PointD> point = [new(5, 5)];

        Assert.True(PolygonProximity.Overlaps(Square(0, 0, 10), point));
        Assert.True(PolygonProximity.Overlaps(point, Square(0, 0, 10)));
    }

    [Fact]
    public void Distance_HorizontalGap_ReturnsGap()
    {
        Assert.Equal(3, PolygonProximity.Distance(Square(0, 0, 10), Square(13, 2, 4)), precision: 12);
    }

    [Fact]
    public void Distance_DiagonalGap_ReturnsCornerDistance()
    {
        // Corner (10, 10) to corner (13, 14): sqrt(3^2 + 4^2) = 5.
        Assert.Equal(5, PolygonProximity.Distance(Square(0, 0, 10), Square(13, 14, 10)), precision: 12);
    }

    [Fact]
    public void Distance_OverlappingSquares_ReturnsZero()
    {
        Assert.Equal(0, PolygonProximity.Distance(Square(0, 0, 10), Square(2, 2, 3)));
    }

    [Fact]
    public void AreWithin_GapAtTheLimit_ReturnsTrue()
    {
        Assert.True(PolygonProximity.AreWithin(Square(0, 0, 10), Square(15, 0, 10), 5));
        Assert.False(PolygonProximity.AreWithin(Square(0, 0, 10), Square(15.01, 0, 10), 5));
    }

    [Fact]
    public void Contains_ConcavePolygon_ExcludesNotch()
    {
        // A U shape: the notch between the arms is outside.
        IReadOnlyList<PointD> shape = [new(0, 0), new(3, 0), new(3, 3), new(2, 3), new(2, 1), new(1, 1), new(1, 3), new(0, 3)];

        Assert.True(PolygonProximity.Contains(shape, new PointD(0.5, 2)));
        Assert.False(PolygonProximity.Contains(shape, new PointD(1.5, 2)));
        Assert.True(PolygonProximity.Contains(shape, new PointD(2.5, 2)));
    }
}
