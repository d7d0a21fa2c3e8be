using BladderLnAi.Analysis.Findings;
using BladderLnAi.Training.Evaluation;
using static BladderLnAi.Training.Tests.Evaluation.Shapes;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class DetectionMetricsTests
{
    [Fact]
    public void Compute_TwoSlides_CountsRecallBySize()
    {
        var metrics = DetectionMetrics.Compute(FrocTests.TwoSlides());

        Assert.Equal(new RecallFigure(1, 1), metrics.Recall.IsolatedTumourCells);
        Assert.Equal(new RecallFigure(2, 3), metrics.Recall.Micrometastases);
        Assert.Equal(new RecallFigure(1, 1), metrics.Recall.Macrometastases);
        Assert.Equal(new RecallFigure(3, 4), metrics.Recall.SmallFoci);
        Assert.Equal(new RecallFigure(4, 5), metrics.Recall.All);
    }

    [Fact]
    public void Compute_TwoSlides_CountsFalsePositivesPerSlide()
    {
        var metrics = DetectionMetrics.Compute(FrocTests.TwoSlides());

        Assert.Equal(2, metrics.Slides);
        Assert.Equal(3, metrics.FalsePositives);
        Assert.Equal(1.5, metrics.FalsePositivesPerSlide);
    }

    [Fact]
    public void Compute_OnlyPositiveSlides_LeavesAucUnknown()
    {
        var metrics = DetectionMetrics.Compute(FrocTests.TwoSlides());

        Assert.Null(metrics.Auc);
    }

    [Fact]
    public void RecallFigure_NoFoci_HasNoValue()
    {
        Assert.Null(new RecallFigure(0, 0).Value);
        Assert.Equal(0.75, new RecallFigure(3, 4).Value);
    }

    [Fact]
    public void Compute_NoSlides_ReturnsEmptyFigures()
    {
        var metrics = DetectionMetrics.Compute([]);

        Assert.Equal(0, metrics.FalsePositivesPerSlide);
        Assert.Null(metrics.Recall.All.Value);
        Assert.Null(metrics.Froc.Score);
        Assert.Null(metrics.Auc);
    }

    [Fact]
    public void Compute_UnknownSize_CountsOnlyInAll()
    {
        var slide = DetectionMatcher.Match(new SlideCase(
            "unknown", null, [Focus(0, 0, 0, 100, SizeClass.Unknown)], [Detection(0, 0, 10, 0.9f)]));

        var metrics = DetectionMetrics.Compute([slide]);

        Assert.Equal(new RecallFigure(1, 1), metrics.Recall.All);
        Assert.Equal(0, metrics.Recall.SmallFoci.Total);
        Assert.Equal(0, metrics.Recall.Micrometastases.Total);
    }
}
