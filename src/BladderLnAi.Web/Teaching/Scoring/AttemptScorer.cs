using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Web.Teaching.Scoring;

/// <summary>
/// Scores a resident's marks against the confirmed findings of a case. Pure: no database, no slide access.
/// </summary>
/// <remarks>
/// The rules:
/// <list type="number">
/// <item>A point mark is placed at its point. An outline mark is placed at the area centroid of its outline.</item>
/// <item>A mark hits a finding of the same slide when it lies inside the finding's outline or on its edge, or,
/// for isolated tumour cells (<c>itc</c>), within <see cref="IsolatedTumourCellToleranceMicrons"/> of the outline.
/// A slide without microns per pixel gets no tolerance, because the distance cannot be measured.</item>
/// <item>A finding is a hit when at least one mark hits it, and a miss otherwise.</item>
/// <item>Overlapping findings: a mark in the overlap hits every finding it lies in, so one mark can find several
/// deposits.</item>
/// <item>Several marks in one finding: the finding counts once as a hit, and none of those marks is a false
/// mark. The extra marks are listed in <see cref="FindingOutcome.MarkIds"/> but change no count.</item>
/// <item>A mark that hits no finding is a false mark, counted under the size class the resident gave it (or as
/// unclassified) and in the false marks per slide.</item>
/// </list>
/// </remarks>
public static class AttemptScorer
{
    /// <summary>Distance in um within which a mark still finds isolated tumour cells.</summary>
    public const double IsolatedTumourCellToleranceMicrons = 75;

    /// <summary>Scored size classes, in the order they are shown; <c>unknown</c> is added only when present.</summary>
    public static readonly IReadOnlyList<string> SizeClassCodes = ["itc", "micro", "macro"];

    private const string UnknownSizeClass = "unknown";

    // Absorbs rounding in pixels x microns per pixel, so that a mark exactly 75 um away is a hit.
    private const double ToleranceSlackMicrons = 1e-9;

    /// <exception cref="ArgumentException">A mark or finding lies on a slide that is not listed, or a mark has two points.</exception>
    public static AttemptScore Score(
        IReadOnlyList<ScoredSlide> slides,
        IReadOnlyList<ScoredFinding> findings,
        IReadOnlyList<ScoredMark> marks)
    {
        var calibration = slides.ToDictionary(slide => slide.CaseSlideId, slide => slide.MicronsPerPixel);
        Validate(calibration, findings, marks);

        var markOutcomes = marks
            .Select(mark => new MarkOutcome(mark.Id, mark.CaseSlideId, FindingsHitBy(mark, findings, calibration[mark.CaseSlideId])))
            .ToList();
        var findingOutcomes = findings.Select(finding => Outcome(finding, marks, markOutcomes)).ToList();
        var falseMarks = marks.Where((_, index) => markOutcomes[index].IsFalse).ToList();

        var hits = findingOutcomes.Count(f => f.Hit);
        return new AttemptScore(
            SizeClassScores(findingOutcomes, falseMarks),
            findingOutcomes,
            markOutcomes,
            hits,
            findingOutcomes.Count - hits,
            falseMarks.Count,
            falseMarks.Count(mark => mark.SizeClass is null),
            Ratio(hits, findingOutcomes.Count),
            slides.Count == 0 ? 0 : (double)falseMarks.Count / slides.Count,
            slides.Sum(slide => slide.SecondsSpent),
            slides.Count);
    }

    /// <summary>Returns the position of a mark: its only point, or the area centroid of its outline.</summary>
    public static PointD Position(ScoredMark mark) =>
        mark.Points.Count == 1 ? mark.Points[0] : OutlineGeometry.Centroid(mark.Points);

    /// <summary>Returns whether the mark hits the finding under the rules above.</summary>
    public static bool Hits(ScoredMark mark, ScoredFinding finding, double? micronsPerPixel)
    {
        if (mark.CaseSlideId != finding.CaseSlideId)
        {
            return false;
        }

        var position = Position(mark);
        if (OutlineGeometry.Contains(finding.Outline, position))
        {
            return true;
        }

        if (finding.SizeClass != "itc" || micronsPerPixel is not { } mpp)
        {
            return false;
        }

        var microns = OutlineGeometry.DistanceToEdge(finding.Outline, position) * mpp;
        return microns <= IsolatedTumourCellToleranceMicrons + ToleranceSlackMicrons;
    }

    private static List<int> FindingsHitBy(ScoredMark mark, IReadOnlyList<ScoredFinding> findings, double? micronsPerPixel) =>
        findings.Where(finding => Hits(mark, finding, micronsPerPixel)).Select(finding => finding.Id).ToList();

    private static FindingOutcome Outcome(ScoredFinding finding, IReadOnlyList<ScoredMark> marks, List<MarkOutcome> markOutcomes)
    {
        var hitting = marks.Where((_, index) => markOutcomes[index].FindingIds.Contains(finding.Id)).ToList();
        var classes = hitting.Select(mark => mark.SizeClass).OfType<string>().ToList();
        bool? agreed = classes.Count == 0 ? null : classes.Contains(finding.SizeClass);
        return new FindingOutcome(finding.Id, finding.CaseSlideId, finding.SizeClass, hitting.Count > 0, hitting.Select(m => m.Id).ToList(), agreed);
    }

    private static List<SizeClassScore> SizeClassScores(List<FindingOutcome> findings, List<ScoredMark> falseMarks)
    {
        var codes = SizeClassCodes.ToList();
        if (findings.Any(f => f.SizeClass == UnknownSizeClass))
        {
            codes.Add(UnknownSizeClass);
        }

        return codes.Select(code =>
            {
                var ofClass = findings.Where(f => f.SizeClass == code).ToList();
                var hits = ofClass.Count(f => f.Hit);
                var falseOfClass = falseMarks.Count(mark => mark.SizeClass == code);
                return new SizeClassScore(code, ofClass.Count, hits, ofClass.Count - hits, falseOfClass, Ratio(hits, ofClass.Count));
            })
            .ToList();
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;

    private static void Validate(
        Dictionary<int, double?> calibration,
        IReadOnlyList<ScoredFinding> findings,
        IReadOnlyList<ScoredMark> marks)
    {
        foreach (var mark in marks)
        {
            if (!calibration.ContainsKey(mark.CaseSlideId))
            {
                throw new ArgumentException($"Mark {mark.Id} lies on slide {mark.CaseSlideId}, which is not a slide of the case.", nameof(marks));
            }

            if (mark.Points.Count is not (1 or >= 3))
            {
                throw new ArgumentException(
                    $"Mark {mark.Id} has {mark.Points.Count} points; a mark is one point or an outline of at least three.",
                    nameof(marks));
            }
        }

        var stray = findings.FirstOrDefault(finding => !calibration.ContainsKey(finding.CaseSlideId));
        if (stray is not null)
        {
            throw new ArgumentException($"Finding {stray.Id} lies on slide {stray.CaseSlideId}, which is not a slide of the case.", nameof(findings));
        }
    }
}
