using BladderLnAi.Analysis.Findings;
using BladderLnAi.Training.Evaluation;
using static BladderLnAi.Training.Tests.Evaluation.Shapes;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class FrocTests
{
    [Fact]
    public void Compute_TwoSlides_MatchesHandComputedCurve()
    {
        var result = Froc.Compute(TwoSlides());

        // Thresholds 0.9, 0.8, 0.7, 0.6, 0.55, 0.5 over 2 slides and 4 lesions. The detection of 0.95 hits only the
        // cluster of isolated tumour cells, so it is neither a lesion hit nor a false positive.
        var expected = new (double FalsePositives, double Sensitivity)[]
        {
            (0, 0), (0, 0.25), (0.5, 0.25), (0.5, 0.5), (0.5, 0.75), (1.0, 0.75), (1.5, 0.75),
        };
        Assert.Equal(expected.Length, result.Curve.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].FalsePositives, result.Curve[i].FalsePositivesPerSlide, precision: 12);
            Assert.Equal(expected[i].Sensitivity, result.Curve[i].Sensitivity!.Value, precision: 12);
        }
    }

    [Fact]
    public void Compute_TwoSlides_ReadsSensitivityAtEachRate()
    {
        var result = Froc.Compute(TwoSlides());

        var sensitivities = result.Sensitivities.Select(point => point.Sensitivity!.Value).ToArray();
        Assert.Equal([0.25, 0.75, 0.75, 0.75, 0.75, 0.75], sensitivities);
        Assert.Equal([0.25, 0.5, 1, 2, 4, 8], result.Sensitivities.Select(point => point.FalsePositivesPerSlide));

        // (0.25 + 5 * 0.75) / 6 = 2 / 3.
        Assert.NotNull(result.Score);
        Assert.Equal(2.0 / 3.0, result.Score.Value, precision: 12);
    }

    [Fact]
    public void Compute_OnlyIsolatedCells_HasNoScore()
    {
        var slide = DetectionMatcher.Match(new SlideCase(
            "itc",
            0.25,
            [Focus(0, 0, 0, 100, SizeClass.IsolatedTumourCells)],
            [Detection(0, 0, 10, 0.9f)]));

        var result = Froc.Compute([slide]);

        Assert.Null(result.Score);
        Assert.All(result.Sensitivities, point => Assert.Null(point.Sensitivity));
    }

    [Fact]
    public void Compute_NoDetections_ScoresZero()
    {
        var slide = DetectionMatcher.Match(new SlideCase(
            "missed", 0.25, [Focus(0, 0, 0, 1000, SizeClass.Micrometastasis)], []));

        var result = Froc.Compute([slide]);

        Assert.Equal(0, result.Score);
    }

    [Fact]
    public void Compute_AllFoundWithoutFalsePositives_ScoresOne()
    {
        var slide = DetectionMatcher.Match(new SlideCase(
            "perfect",
            0.25,
            [Focus(0, 0, 0, 1000, SizeClass.Micrometastasis), Focus(1, 5000, 0, 10000, SizeClass.Macrometastasis)],
            [Detection(10, 10, 10, 0.6f), Detection(6000, 10, 10, 0.7f)]));

        var result = Froc.Compute([slide]);

        Assert.Equal(1, result.Score);
    }

    /// <summary>
    /// Slide A: lesions hit at 0.9 and 0.6, a false positive at 0.8, and a cluster of isolated tumour cells hit at
    /// 0.95. Slide B: a lesion hit at 0.7, a lesion missed, and false positives at 0.5 and 0.55.
    /// </summary>
    internal static IReadOnlyList<SlideMatch> TwoSlides()
    {
        var slideA = new SlideCase(
            "a",
            0.25,
            [
                Focus(0, 0, 0, 1000, SizeClass.Micrometastasis, 350),
                Focus(1, 2000, 0, 1000, SizeClass.Micrometastasis, 350),
                Focus(2, 40000, 0, 100, SizeClass.IsolatedTumourCells, 25),
            ],
            [
                Detection(100, 100, 50, 0.9f),
                Detection(2100, 100, 50, 0.6f),
                Detection(20000, 20000, 50, 0.8f),
                Detection(40010, 10, 20, 0.95f),
            ]);
        var slideB = new SlideCase(
            "b",
            0.25,
            [
                Focus(0, 0, 0, 10000, SizeClass.Macrometastasis, 3500),
                Focus(1, 30000, 30000, 1000, SizeClass.Micrometastasis, 350),
            ],
            [
                Detection(100, 100, 50, 0.7f),
                Detection(20000, 0, 50, 0.5f),
                Detection(20000, 5000, 50, 0.55f),
            ]);
        return [DetectionMatcher.Match(slideA), DetectionMatcher.Match(slideB)];
    }
}
