using BladderLnAi.Analysis.Findings;
using BladderLnAi.Training.Evaluation;
using static BladderLnAi.Training.Tests.Evaluation.Shapes;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class DetectionMatcherTests
{
    // At 0.25 um/px the 75 um radius around clusters of isolated tumour cells is 300 px.
    private const double MicronsPerPixel = 0.25;

    [Fact]
    public void Match_DetectionOverlappingFocus_HitsIt()
    {
        var slide = Case([Focus(0, 1000, 1000, 400, SizeClass.Micrometastasis)], [Detection(1300, 1300, 200, 0.8f)]);

        var match = DetectionMatcher.Match(slide);

        Assert.Equal([0], match.Detections[0].MatchedFoci);
        Assert.Equal(0.8f, match.Foci[0].BestProbability);
        Assert.Equal(0, match.FalsePositiveCount);
    }

    [Fact]
    public void Match_DetectionNearIsolatedCells_HitsWithinRadius()
    {
        // Gaps of 200 px (50 um) and 400 px (100 um) from the cluster's right edge.
        var slide = Case(
            [Focus(0, 1000, 1000, 100, SizeClass.IsolatedTumourCells)],
            [Detection(1300, 1000, 50, 0.7f), Detection(1500, 1000, 50, 0.9f)]);

        var match = DetectionMatcher.Match(slide);

        Assert.Equal([0], match.Detections[0].MatchedFoci);
        Assert.Empty(match.Detections[1].MatchedFoci);
        Assert.Equal(0.7f, match.Foci[0].BestProbability);
        Assert.Equal(1, match.FalsePositiveCount);
    }

    [Fact]
    public void Match_DetectionNearMicrometastasis_NeedsOverlap()
    {
        // The same 50 um gap that counts for isolated tumour cells does not count for a larger focus.
        var slide = Case([Focus(0, 1000, 1000, 1000, SizeClass.Micrometastasis)], [Detection(2200, 1000, 50, 0.7f)]);

        var match = DetectionMatcher.Match(slide);

        Assert.Empty(match.Detections[0].MatchedFoci);
        Assert.False(match.Foci[0].Detected);
    }

    [Fact]
    public void Match_NoScale_NeedsOverlap()
    {
        var slide = new SlideCase(
            "unscaled",
            null,
            [Focus(0, 1000, 1000, 100, SizeClass.IsolatedTumourCells)],
            [Detection(1150, 1000, 50, 0.7f)]);

        var match = DetectionMatcher.Match(slide);

        Assert.False(match.Foci[0].Detected);
        Assert.Equal(1, match.FalsePositiveCount);
    }

    [Fact]
    public void Match_TwoHits_KeepsHighestProbability()
    {
        var slide = Case(
            [Focus(0, 0, 0, 1000, SizeClass.Macrometastasis)],
            [Detection(100, 100, 10, 0.6f), Detection(500, 500, 10, 0.9f)]);

        var match = DetectionMatcher.Match(slide);

        Assert.Equal(0.9f, match.Foci[0].BestProbability);
        Assert.Equal(0, match.FalsePositiveCount);
    }

    [Fact]
    public void Match_DetectionSpanningTwoFoci_HitsBoth()
    {
        var slide = Case(
            [Focus(0, 0, 0, 100, SizeClass.Micrometastasis), Focus(1, 200, 0, 100, SizeClass.Micrometastasis)],
            [Detection(50, 0, 200, 0.8f)]);

        var match = DetectionMatcher.Match(slide);

        Assert.Equal([0, 1], match.Detections[0].MatchedFoci);
        Assert.True(match.Foci[0].Detected);
        Assert.True(match.Foci[1].Detected);
    }

    [Fact]
    public void SlideScore_NoDetections_IsZero()
    {
        var match = DetectionMatcher.Match(Case([], []));

        Assert.Equal(0f, match.SlideScore);
    }

    private static SlideCase Case(IReadOnlyList<GroundTruthFocus> foci, IReadOnlyList<Detection> detections) =>
        new("slide", MicronsPerPixel, foci, detections);
}
