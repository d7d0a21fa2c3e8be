using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Analysis.Tests.Findings;

[Trait("Category", "Analysis")]
public class FindingExtractorTests
{
    private const float Threshold = 0.5f;

    [Fact]
    public void Extract_TwoSeparateSquares_ReturnsTwoFindings()
    {
        var heatmap = new FloatMap(20, 20);
        FillSquare(heatmap, left: 1, top: 1, side: 3, probability: 0.8f);
        FillSquare(heatmap, left: 10, top: 12, side: 4, probability: 0.7f);

        var findings = ExtractAtUnitScale(heatmap, minimumPixels: 1);

        Assert.Equal(2, findings.Count);
        Assert.Equal(new[] { 1, 2 }, findings.Select(finding => finding.Id));
    }

    [Fact]
    public void Extract_KnownSquare_ReturnsHandComputedSizes()
    {
        // A 3 x 3 square at scale 2.5 and 0.5 um/px: each heatmap pixel is 1.25 um wide.
        // Area = 9 * 1.25^2 um2 = 14.0625 um2 = 1.40625e-5 mm2.
        // Greatest dimension = diagonal = 3 * sqrt(2) * 1.25 um = 5.3033008588991 um.
        var heatmap = new FloatMap(10, 10);
        FillSquare(heatmap, left: 2, top: 3, side: 3, probability: 0.9f);

        var finding = Assert.Single(
            FindingExtractor.Extract(heatmap, Threshold, heatmapScale: 2.5, micronsPerPixel: 0.5, minimumPixels: 1));

        Assert.NotNull(finding.AreaSquareMillimetres);
        Assert.NotNull(finding.GreatestDimensionMicrons);
        Assert.Equal(1.40625e-5, finding.AreaSquareMillimetres.Value, precision: 12);
        Assert.Equal(5.3033008588991, finding.GreatestDimensionMicrons.Value, precision: 9);
        Assert.Equal(SizeClass.IsolatedTumourCells, finding.SizeClass);
    }

    [Fact]
    public void Extract_LargerSquare_ReturnsMicrometastasis()
    {
        // A 4 x 4 square at scale 40 and 1.0 um/px: each heatmap pixel is 40 um wide.
        // Area = 16 * 40^2 um2 = 25600 um2 = 0.0256 mm2.
        // Greatest dimension = 4 * sqrt(2) * 40 um = 226.27416997969522 um, above the 200 um limit of isolated
        // tumour cells.
        var heatmap = new FloatMap(8, 8);
        FillSquare(heatmap, left: 2, top: 2, side: 4, probability: 0.9f);

        var finding = Assert.Single(
            FindingExtractor.Extract(heatmap, Threshold, heatmapScale: 40, micronsPerPixel: 1.0, minimumPixels: 1));

        Assert.NotNull(finding.AreaSquareMillimetres);
        Assert.NotNull(finding.GreatestDimensionMicrons);
        Assert.Equal(0.0256, finding.AreaSquareMillimetres.Value, precision: 12);
        Assert.Equal(226.27416997969522, finding.GreatestDimensionMicrons.Value, precision: 9);
        Assert.Equal(SizeClass.Micrometastasis, finding.SizeClass);
    }

    [Fact]
    public void Extract_KnownSquare_ReturnsLevelZeroOutline()
    {
        // Heatmap pixels (2..4, 3..5) at scale 2.5 cover level-0 x from 5 to 12.5 and y from 7.5 to 15.
        var heatmap = new FloatMap(10, 10);
        FillSquare(heatmap, left: 2, top: 3, side: 3, probability: 0.9f);
        var expectedOutline = new[]
        {
            new PointD(5, 7.5),
            new PointD(12.5, 7.5),
            new PointD(12.5, 15),
            new PointD(5, 15),
        };

        var finding = Assert.Single(
            FindingExtractor.Extract(heatmap, Threshold, heatmapScale: 2.5, micronsPerPixel: 0.5, minimumPixels: 1));

        Assert.Equal(expectedOutline, finding.Outline);
        Assert.Equal(8.75, finding.CentreX, precision: 9);
        Assert.Equal(11.25, finding.CentreY, precision: 9);
    }

    [Fact]
    public void Extract_SquarePastSlideEdge_ClampsOutline()
    {
        // The heatmap is 4 px wide at scale 2.5, so its last column ends at level-0 x = 10, past a 9.2 px slide.
        var heatmap = new FloatMap(4, 4);
        FillSquare(heatmap, left: 2, top: 2, side: 2, probability: 0.9f);

        var finding = Assert.Single(FindingExtractor.Extract(
            heatmap,
            Threshold,
            heatmapScale: 2.5,
            micronsPerPixel: 1,
            minimumPixels: 1,
            slideWidth: 9.2,
            slideHeight: 9.6));

        Assert.Equal(9.2, finding.Outline.Max(point => point.X));
        Assert.Equal(9.6, finding.Outline.Max(point => point.Y));
        Assert.Equal(5, finding.Outline.Min(point => point.X));
        Assert.Equal(5, finding.Outline.Min(point => point.Y));
    }

    [Fact]
    public void Extract_NullMicronsPerPixel_ReturnsUnknownSizes()
    {
        var heatmap = new FloatMap(10, 10);
        FillSquare(heatmap, left: 2, top: 3, side: 3, probability: 0.9f);

        var finding = Assert.Single(
            FindingExtractor.Extract(heatmap, Threshold, heatmapScale: 2.5, micronsPerPixel: null, minimumPixels: 1));

        Assert.Null(finding.GreatestDimensionMicrons);
        Assert.Null(finding.AreaSquareMillimetres);
        Assert.Equal(SizeClass.Unknown, finding.SizeClass);
        Assert.Equal(4, finding.Outline.Count);
    }

    [Fact]
    public void Extract_ComponentBelowMinimumPixels_IsDropped()
    {
        var heatmap = new FloatMap(10, 10);
        heatmap[1, 1] = 0.9f;
        heatmap[5, 5] = 0.9f;
        heatmap[6, 5] = 0.9f;

        var findings = ExtractAtUnitScale(heatmap, minimumPixels: 2);

        var finding = Assert.Single(findings);
        Assert.Equal(5, finding.Outline.Min(point => point.X));
        Assert.Equal(5, finding.Outline.Min(point => point.Y));
    }

    [Fact]
    public void Extract_ComponentOfExactlyMinimumPixels_IsKept()
    {
        var heatmap = new FloatMap(10, 10);
        FillSquare(heatmap, left: 4, top: 4, side: 2, probability: 0.9f);

        var findings = ExtractAtUnitScale(heatmap, minimumPixels: 4);

        Assert.Single(findings);
    }

    [Fact]
    public void Extract_SeveralFindings_OrdersByMaximumProbability()
    {
        var heatmap = new FloatMap(30, 10);
        FillSquare(heatmap, left: 1, top: 1, side: 3, probability: 0.6f);
        FillSquare(heatmap, left: 11, top: 1, side: 3, probability: 0.95f);
        FillSquare(heatmap, left: 21, top: 1, side: 3, probability: 0.8f);
        heatmap[12, 2] = 0.99f;

        var findings = ExtractAtUnitScale(heatmap, minimumPixels: 1);

        Assert.Equal(new[] { 0.99f, 0.8f, 0.6f }, findings.Select(finding => finding.MaximumProbability));
        Assert.Equal(new[] { 1, 2, 3 }, findings.Select(finding => finding.Id));
        Assert.Equal(11, findings[0].Outline.Min(point => point.X));
    }

    [Fact]
    public void Extract_SquareWithPeak_ReturnsMaxAndMean()
    {
        var heatmap = new FloatMap(10, 10);
        FillSquare(heatmap, left: 2, top: 2, side: 2, probability: 0.6f);
        heatmap[3, 3] = 1.0f;

        var finding = Assert.Single(ExtractAtUnitScale(heatmap, minimumPixels: 1));

        Assert.Equal(1.0f, finding.MaximumProbability);
        Assert.Equal(0.7f, finding.MeanProbability, precision: 5);
    }

    [Fact]
    public void Extract_NothingAboveThreshold_ReturnsNoFindings()
    {
        var heatmap = new FloatMap(10, 10);
        FillSquare(heatmap, left: 2, top: 2, side: 5, probability: 0.49f);

        var findings = ExtractAtUnitScale(heatmap, minimumPixels: 1);

        Assert.Empty(findings);
    }

    /// <summary>Extracts findings at 1 level-0 pixel per heatmap pixel and 1 um per level-0 pixel.</summary>
    private static IReadOnlyList<Finding> ExtractAtUnitScale(FloatMap heatmap, int minimumPixels) =>
        FindingExtractor.Extract(heatmap, Threshold, heatmapScale: 1, micronsPerPixel: 1, minimumPixels);

    private static void FillSquare(FloatMap heatmap, int left, int top, int side, float probability)
    {
        for (var y = top; y < top + side; y++)
        {
            for (var x = left; x < left + side; x++)
            {
                heatmap[x, y] = probability;
            }
        }
    }
}
