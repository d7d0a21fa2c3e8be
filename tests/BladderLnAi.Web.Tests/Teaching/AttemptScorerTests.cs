using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Web.Teaching.Scoring;

namespace BladderLnAi.Web.Tests.Teaching;

/// <summary>
/// Scoring on hand-made cases whose hits, misses and false marks are known. Slides are at 0.25 um/px unless a test
/// says otherwise, so 300 pixels are exactly 75 um.
/// </summary>
[Trait("Category", "Teaching")]
public sealed class AttemptScorerTests
{
    private const int Slide = 1;
    private const double MicronsPerPixel = 0.25;

    [Fact]
    public void HitsMissesAndFalseMarks_CountPerSizeClass()
    {
        var findings = new[]
        {
            Square(10, "macro", 0, 0, 10_000),
            Square(11, "micro", 20_000, 0, 2_000),
            Square(12, "micro", 30_000, 0, 2_000),
            Square(13, "itc", 40_000, 0, 400),
        };
        var marks = new[]
        {
            Point(1, 5_000, 5_000, "macro"),
            Point(2, 21_000, 1_000, "micro"),
            Point(3, 60_000, 60_000, "micro"),
            Point(4, 70_000, 70_000, null),
        };

        var score = Score(findings, marks);

        AssertClass(score, "macro", findings: 1, hits: 1, misses: 0, falseMarks: 0);
        AssertClass(score, "micro", findings: 2, hits: 1, misses: 1, falseMarks: 1);
        AssertClass(score, "itc", findings: 1, hits: 0, misses: 1, falseMarks: 0);
        Assert.Equal(2, score.Hits);
        Assert.Equal(2, score.Misses);
        Assert.Equal(2, score.FalseMarks);
        Assert.Equal(1, score.UnclassifiedFalseMarks);
        Assert.Equal(0.5, score.Sensitivity);
        Assert.Equal(0.5, score.SizeClasses.Single(c => c.SizeClass == "micro").Sensitivity);
        Assert.Equal(2.0, score.FalseMarksPerSlide);
    }

    [Fact]
    public void Point_JustInsideEdge_IsHit()
    {
        var finding = Square(10, "micro", 1_000, 1_000, 2_000);

        var score = Score([finding], [Point(1, 1_000.001, 2_000, null)]);

        Assert.Equal(1, score.Hits);
        Assert.Equal(0, score.FalseMarks);
    }

    [Fact]
    public void Point_OnEdge_IsHit()
    {
        var finding = Square(10, "micro", 1_000, 1_000, 2_000);

        var score = Score([finding], [Point(1, 3_000, 1_500, null)]);

        Assert.Equal(1, score.Hits);
    }

    [Fact]
    public void Point_JustOutsideEdge_IsFalseMark()
    {
        var finding = Square(10, "micro", 1_000, 1_000, 2_000);

        var score = Score([finding], [Point(1, 999.999, 2_000, null)]);

        Assert.Equal(0, score.Hits);
        Assert.Equal(1, score.Misses);
        Assert.Equal(1, score.FalseMarks);
    }

    [Fact]
    public void Point_InsideConcaveNotch_IsFalseMark()
    {
        // An L-shaped deposit: the notch at the top right is outside it although inside its bounding box.
        var finding = new ScoredFinding(10, Slide, Outline((0, 0), (1_000, 0), (1_000, 400), (400, 400), (400, 1_000), (0, 1_000)), "micro");

        var inNotch = Score([finding], [Point(1, 700, 700, null)]);
        var inArm = Score([finding], [Point(1, 700, 200, null)]);

        Assert.Equal(1, inNotch.FalseMarks);
        Assert.Equal(1, inArm.Hits);
    }

    [Fact]
    public void Itc_Exactly75Microns_IsHit()
    {
        var itc = Square(10, "itc", 1_000, 1_000, 100);

        // 300 px to the right of the right edge at 0.25 um/px is exactly 75 um.
        var score = Score([itc], [Point(1, 1_100 + 300, 1_050, null)]);

        Assert.Equal(1, score.Hits);
        Assert.Equal(0, score.FalseMarks);
    }

    [Fact]
    public void Itc_75Point1Microns_IsFalseMark()
    {
        var itc = Square(10, "itc", 1_000, 1_000, 100);

        // 300.4 px is 75.1 um.
        var score = Score([itc], [Point(1, 1_100 + 300.4, 1_050, null)]);

        Assert.Equal(0, score.Hits);
        Assert.Equal(1, score.FalseMarks);
    }

    [Fact]
    public void Itc_ToleranceMeasuredToNearestEdgeDiagonally()
    {
        var itc = Square(10, "itc", 1_000, 1_000, 100);

        // From the corner (1100, 1100): 180 px and 240 px make 300 px, exactly 75 um.
        var atCorner = Score([itc], [Point(1, 1_100 + 180, 1_100 + 240, null)]);
        var beyondCorner = Score([itc], [Point(1, 1_100 + 181, 1_100 + 240, null)]);

        Assert.Equal(1, atCorner.Hits);
        Assert.Equal(0, beyondCorner.Hits);
    }

    [Fact]
    public void Itc_ToleranceFollowsMicronsPerPixel()
    {
        var itc = Square(10, "itc", 1_000, 1_000, 100);
        var mark = Point(1, 1_100 + 300, 1_050, null);

        // At 0.5 um/px the same 300 px are 150 um.
        var coarse = AttemptScorer.Score([new ScoredSlide(Slide, 0.5, 0)], [itc], [mark]);

        Assert.Equal(0, coarse.Hits);
    }

    [Fact]
    public void Itc_WithoutMicronsPerPixel_NeedsMarkInside()
    {
        var itc = Square(10, "itc", 1_000, 1_000, 100);

        var near = AttemptScorer.Score([new ScoredSlide(Slide, null, 0)], [itc], [Point(1, 1_110, 1_050, null)]);
        var inside = AttemptScorer.Score([new ScoredSlide(Slide, null, 0)], [itc], [Point(1, 1_050, 1_050, null)]);

        Assert.Equal(0, near.Hits);
        Assert.Equal(1, inside.Hits);
    }

    [Fact]
    public void Micrometastasis_GetsNoTolerance()
    {
        var micro = Square(10, "micro", 1_000, 1_000, 2_000);

        var score = Score([micro], [Point(1, 3_010, 2_000, null)]);

        Assert.Equal(0, score.Hits);
        Assert.Equal(1, score.FalseMarks);
    }

    [Fact]
    public void SeveralMarksInOneFinding_CountOneHitAndNoFalseMark()
    {
        var finding = Square(10, "macro", 0, 0, 10_000);
        var marks = new[] { Point(1, 100, 100, null), Point(2, 5_000, 5_000, null), Point(3, 9_000, 9_000, null) };

        var score = Score([finding], marks);

        Assert.Equal(1, score.Hits);
        Assert.Equal(0, score.FalseMarks);
        Assert.Equal([1, 2, 3], score.Findings.Single().MarkIds);
        Assert.All(score.Marks, mark => Assert.False(mark.IsFalse));
    }

    [Fact]
    public void MarkInOverlap_HitsBothOverlappingFindings()
    {
        var first = Square(10, "micro", 0, 0, 2_000);
        var second = Square(11, "micro", 1_000, 1_000, 2_000);

        var score = Score([first, second], [Point(1, 1_500, 1_500, null)]);

        Assert.Equal(2, score.Hits);
        Assert.Equal(0, score.Misses);
        Assert.Equal([10, 11], score.Marks.Single().FindingIds);
    }

    [Fact]
    public void MarkInOneOfOverlappingFindings_MissesTheOther()
    {
        var first = Square(10, "micro", 0, 0, 2_000);
        var second = Square(11, "micro", 1_000, 1_000, 2_000);

        var score = Score([first, second], [Point(1, 500, 500, null)]);

        Assert.Equal(1, score.Hits);
        Assert.Equal(1, score.Misses);
        Assert.False(score.Findings.Single(f => f.FindingId == 11).Hit);
    }

    [Fact]
    public void Outline_ScoredAtItsCentroid()
    {
        var finding = Square(10, "micro", 1_000, 1_000, 1_000);

        // A large outline whose centroid (1500, 1500) lies in the finding, and a ring-like one that merely touches it.
        var around = new ScoredMark(1, Slide, Outline((1_200, 1_200), (1_800, 1_200), (1_800, 1_800), (1_200, 1_800)), null);
        var beside = new ScoredMark(2, Slide, Outline((1_900, 1_000), (4_000, 1_000), (4_000, 3_000), (1_900, 3_000)), null);

        var score = Score([finding], [around, beside]);

        Assert.Equal([10], score.Marks.Single(m => m.MarkId == 1).FindingIds);
        Assert.True(score.Marks.Single(m => m.MarkId == 2).IsFalse);
    }

    [Fact]
    public void MarkOnOtherSlide_DoesNotHit()
    {
        var finding = Square(10, "macro", 0, 0, 10_000);
        var slides = new[] { new ScoredSlide(1, MicronsPerPixel, 30), new ScoredSlide(2, MicronsPerPixel, 45) };

        var score = AttemptScorer.Score(slides, [finding], [new ScoredMark(1, 2, [new PointD(500, 500)], null)]);

        Assert.Equal(0, score.Hits);
        Assert.Equal(1, score.FalseMarks);
        Assert.Equal(0.5, score.FalseMarksPerSlide);
        Assert.Equal(75, score.SecondsSpent);
        Assert.Equal(2, score.SlideCount);
    }

    [Fact]
    public void SizeClassAgreement_ComparesMarkClassWithFinding()
    {
        var micro = Square(10, "micro", 0, 0, 2_000);
        var macro = Square(11, "macro", 10_000, 0, 10_000);
        var itc = Square(12, "itc", 30_000, 0, 100);

        var score = Score([micro, macro, itc], [Point(1, 100, 100, "micro"), Point(2, 11_000, 100, "micro"), Point(3, 30_050, 50, null)]);

        Assert.True(score.Findings.Single(f => f.FindingId == 10).SizeClassAgreed);
        Assert.False(score.Findings.Single(f => f.FindingId == 11).SizeClassAgreed);
        Assert.Null(score.Findings.Single(f => f.FindingId == 12).SizeClassAgreed);
    }

    [Fact]
    public void CaseWithoutFindings_HasNoSensitivity()
    {
        var score = Score([], [Point(1, 100, 100, "itc")]);

        Assert.Null(score.Sensitivity);
        Assert.All(score.SizeClasses, c => Assert.Null(c.Sensitivity));
        Assert.Equal(1, score.SizeClasses.Single(c => c.SizeClass == "itc").FalseMarks);
        Assert.DoesNotContain(score.SizeClasses, c => c.SizeClass == "unknown");
    }

    [Fact]
    public void UnknownSizeFinding_GetsItsOwnClass()
    {
        var score = AttemptScorer.Score([new ScoredSlide(Slide, null, 0)], [Square(10, "unknown", 0, 0, 500)], []);

        AssertClass(score, "unknown", findings: 1, hits: 0, misses: 1, falseMarks: 0);
    }

    [Fact]
    public void MarkWithTwoPoints_IsRejected()
    {
        var mark = new ScoredMark(1, Slide, [new PointD(0, 0), new PointD(1, 1)], null);

        var error = Assert.Throws<ArgumentException>(() => Score([], [mark]));

        Assert.Contains("has 2 points", error.Message);
    }

    [Fact]
    public void MarkOnUnknownSlide_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Score([], [new ScoredMark(1, 99, [new PointD(0, 0)], null)]));

        Assert.Contains("slide 99", error.Message);
    }

    private static AttemptScore Score(IReadOnlyList<ScoredFinding> findings, IReadOnlyList<ScoredMark> marks) =>
        AttemptScorer.Score([new ScoredSlide(Slide, MicronsPerPixel, 0)], findings, marks);

    private static void AssertClass(AttemptScore score, string sizeClass, int findings, int hits, int misses, int falseMarks)
    {
        var row = score.SizeClasses.Single(c => c.SizeClass == sizeClass);
        Assert.True(row.Findings == findings, $"{sizeClass}: expected {findings} findings, got {row.Findings}");
        Assert.True(row.Hits == hits, $"{sizeClass}: expected {hits} hits, got {row.Hits}");
        Assert.True(row.Misses == misses, $"{sizeClass}: expected {misses} misses, got {row.Misses}");
        Assert.True(row.FalseMarks == falseMarks, $"{sizeClass}: expected {falseMarks} false marks, got {row.FalseMarks}");
    }

    private static ScoredFinding Square(int id, string sizeClass, double left, double top, double size) =>
        new(id, Slide, Outline((left, top), (left + size, top), (left + size, top + size), (left, top + size)), sizeClass);

    private static ScoredMark Point(int id, double x, double y, string? sizeClass) => new(id, Slide, [new PointD(x, y)], sizeClass);

    private static IReadOnlyList<PointD> Outline(params (double X, double Y)[] points) =>
        points.Select(p => new PointD(p.X, p.Y)).ToList();
}
