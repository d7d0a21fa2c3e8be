using BladderLnAi.Data.Cases;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Web.Review;

namespace BladderLnAi.Web.Tests.Review;

[Trait("Category", "Review")]
public sealed class FindingMeasurementsTests
{
    [Fact]
    public void Apply_Square_MeasuresDiagonalAreaAndClass()
    {
        // A 1000 x 1000 pixel square at 0.5 um/px is 500 um wide: area 0.25 mm2, diagonal 707.1 um (micrometastasis).
        var finding = new CaseFinding();
        IReadOnlyList<PointD> square = [new(0, 0), new(1000, 0), new(1000, 1000), new(0, 1000)];

        FindingMeasurements.Apply(finding, square, 0.5);

        Assert.Equal(500 * Math.Sqrt(2), finding.GreatestDimensionMicrons!.Value, 6);
        Assert.Equal(0.25, finding.AreaSquareMillimetres!.Value, 9);
        Assert.Equal("micro", finding.SizeClass);
        Assert.Equal(500, finding.CentreX, 9);
        Assert.Equal(500, finding.CentreY, 9);
    }

    [Fact]
    public void Apply_EditedOutline_RecomputesSizeClass()
    {
        var finding = new CaseFinding();
        FindingMeasurements.Apply(finding, [new(0, 0), new(200, 0), new(200, 200), new(0, 200)], 0.5);
        Assert.Equal("itc", finding.SizeClass);

        FindingMeasurements.Apply(finding, [new(0, 0), new(6000, 0), new(6000, 100), new(0, 100)], 0.5);

        Assert.Equal("macro", finding.SizeClass);
        Assert.True(finding.GreatestDimensionMicrons > 3000, $"greatest dimension {finding.GreatestDimensionMicrons} um");
    }

    [Fact]
    public void Apply_NoMicronsPerPixel_LeavesSizeUnknown()
    {
        var finding = new CaseFinding();

        FindingMeasurements.Apply(finding, [new(0, 0), new(10, 0), new(0, 10)], null);

        Assert.Null(finding.GreatestDimensionMicrons);
        Assert.Null(finding.AreaSquareMillimetres);
        Assert.Equal("unknown", finding.SizeClass);
    }

    [Fact]
    public void Validate_TooFewPoints_IsRejected()
    {
        var error = Assert.Throws<ReviewException>(() => FindingMeasurements.Validate([new(0, 0), new(5, 5), new(0, 0)], 100, 100));

        Assert.Contains("at least 3 distinct points", error.Message);
    }

    [Fact]
    public void Validate_PointOutsideSlide_NamesThePoint()
    {
        var error = Assert.Throws<ReviewException>(() => FindingMeasurements.Validate([new(0, 0), new(150, 0), new(0, 10)], 100, 100));

        Assert.Contains("(150, 0)", error.Message);
    }

    [Fact]
    public void Validate_ClosedRing_DropsRepeatedFirstPoint()
    {
        var outline = FindingMeasurements.Validate([new(0, 0), new(10, 0), new(0, 10), new(0, 0)], 100, 100);

        Assert.Equal(3, outline.Count);
    }
}
