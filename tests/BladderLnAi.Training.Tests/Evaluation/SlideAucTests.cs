using BladderLnAi.Analysis.Findings;
using BladderLnAi.Training.Evaluation;
using static BladderLnAi.Training.Tests.Evaluation.Shapes;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class SlideAucTests
{
    [Fact]
    public void Compute_TiedScores_CountHalf()
    {
        // Pairs: 0.9 > 0.7, 0.9 > 0.6, 0.6 < 0.7, 0.6 = 0.6, so (1 + 1 + 0 + 0.5) / 4.
        var auc = SlideAuc.Compute([(0.9f, true), (0.6f, true), (0.7f, false), (0.6f, false)]);

        Assert.Equal(0.625, auc);
    }

    [Fact]
    public void Compute_PerfectSeparation_ReturnsOne()
    {
        Assert.Equal(1.0, SlideAuc.Compute([(0.9f, true), (0.8f, true), (0f, false)]));
    }

    [Fact]
    public void Compute_OnlyPositiveSlides_ReturnsNull()
    {
        Assert.Null(SlideAuc.Compute([(0.9f, true), (0.8f, true)]));
    }

    [Fact]
    public void Compute_MatchedSlides_ScoresByHighestDetection()
    {
        var positive = DetectionMatcher.Match(new SlideCase(
            "positive",
            0.25,
            [Focus(0, 0, 0, 1000, SizeClass.Micrometastasis)],
            [Detection(0, 0, 10, 0.6f), Detection(5000, 5000, 10, 0.65f)]));
        var negative = DetectionMatcher.Match(new SlideCase("negative", 0.25, [], [Detection(0, 0, 10, 0.7f)]));
        var empty = DetectionMatcher.Match(new SlideCase("empty", 0.25, [], []));

        // The positive slide scores 0.65: below the negative slide at 0.7, above the empty one at 0.
        Assert.Equal(0.5, SlideAuc.Compute([positive, negative, empty]));
    }
}
