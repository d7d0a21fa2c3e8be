using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Matches the detections of one slide to its ground-truth foci.
/// </summary>
public static class DetectionMatcher
{
    /// <summary>
    /// Largest distance, in um, between a detection and a cluster of isolated tumour cells at which the detection
    /// still counts, as in the CAMELYON16 evaluation (about five tumour cells).
    /// </summary>
    public const double IsolatedTumourCellsRadiusMicrons = 75;

    /// <summary>
    /// Matches every detection to every focus it hits. A detection hits a focus when their outlines overlap, or, for
    /// a focus of isolated tumour cells, when the detection lies within <paramref name="radiusMicrons"/> of it.
    /// </summary>
    /// <remarks>
    /// NOTE: a slide without microns per pixel cannot convert the radius to pixels, so its detections match foci
    /// of isolated tumour cells by overlap only.
    /// </remarks>
    public static SlideMatch Match(SlideCase slide, double radiusMicrons = IsolatedTumourCellsRadiusMicrons)
    {
        ArgumentNullException.ThrowIfNull(slide);
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMicrons);
        double? radiusPixels = slide.MicronsPerPixel is { } mpp ? radiusMicrons / mpp : null;

        var bestProbability = new float?[slide.Foci.Count];
        var detections = new List<DetectionOutcome>(slide.Detections.Count);
        foreach (var detection in slide.Detections)
        {
            var matched = new List<int>();
            for (var i = 0; i < slide.Foci.Count; i++)
            {
                if (Hits(detection, slide.Foci[i], radiusPixels))
                {
                    matched.Add(i);
                    bestProbability[i] = Math.Max(bestProbability[i] ?? 0f, detection.Probability);
                }
            }

            detections.Add(new DetectionOutcome(detection, matched));
        }

        var foci = slide.Foci.Select((focus, i) => new FocusOutcome(focus, bestProbability[i])).ToList();
        return new SlideMatch(slide, foci, detections);
    }

    private static bool Hits(Detection detection, GroundTruthFocus focus, double? radiusPixels)
    {
        if (focus.SizeClass == SizeClass.IsolatedTumourCells && radiusPixels is { } radius)
        {
            return PolygonProximity.AreWithin(detection.Outline, focus.Outline, radius);
        }

        return PolygonProximity.Overlaps(detection.Outline, focus.Outline);
    }
}

/// <summary>
/// The detections and foci of one slide after matching.
/// </summary>
public sealed record SlideMatch(SlideCase Case, IReadOnlyList<FocusOutcome> Foci, IReadOnlyList<DetectionOutcome> Detections)
{
    /// <summary>Detections that hit no focus.</summary>
    public int FalsePositiveCount => Detections.Count(detection => detection.MatchedFoci.Count == 0);

    /// <summary>Slide score for slide-level classification: the highest detection probability, 0 without detections.</summary>
    public float SlideScore => Case.Detections.Count == 0 ? 0f : Case.Detections.Max(detection => detection.Probability);
}

/// <summary>One ground-truth focus and the highest probability of the detections that hit it.</summary>
/// <param name="BestProbability">Highest probability among the detections that hit the focus, or null when none did.</param>
public sealed record FocusOutcome(GroundTruthFocus Focus, float? BestProbability)
{
    public bool Detected => BestProbability is not null;
}

/// <summary>One detection and the indices of the slide's foci that it hits, empty for a false positive.</summary>
public sealed record DetectionOutcome(Detection Detection, IReadOnlyList<int> MatchedFoci);
