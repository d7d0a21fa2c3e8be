using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Free-response ROC analysis as in the CAMELYON16 challenge (Ehteshami Bejnordi et al., JAMA 2017). The detection
/// threshold is swept over all slides at once. The score is the mean sensitivity at 1/4, 1/2, 1, 2, 4 and 8 false
/// positives per slide.
/// </summary>
public static class Froc
{
    /// <summary>False positives per slide at which the sensitivity is read.</summary>
    public static readonly IReadOnlyList<double> FalsePositiveRates = [0.25, 0.5, 1, 2, 4, 8];

    /// <summary>
    /// Computes the FROC curve and score of matched slides.
    /// </summary>
    /// <remarks>
    /// <para>
    /// As in CAMELYON16, foci of isolated tumour cells are left out: they are not counted as lesions to find, and a
    /// detection that hits only such foci is neither a true nor a false positive. Every other focus, including one
    /// of unknown size, is a lesion. A lesion is found at threshold t when a detection of probability t or more
    /// hits it. A false positive is a detection that hits no focus.
    /// </para>
    /// <para>
    /// The curve has one point per distinct detection probability, from the highest down, after a first point of
    /// no detections. The sensitivity at a rate r is that of the curve's last point with at most r false positives
    /// per slide, a step function, so it never credits a method with an operating point it does not reach.
    /// </para>
    /// </remarks>
    public static FrocResult Compute(IReadOnlyList<SlideMatch> slides)
    {
        ArgumentNullException.ThrowIfNull(slides);
        var lesionScores = new List<float>();
        var falsePositiveScores = new List<float>();
        foreach (var slide in slides)
        {
            foreach (var focus in slide.Foci.Where(focus => focus.Focus.SizeClass != SizeClass.IsolatedTumourCells))
            {
                lesionScores.Add(focus.BestProbability ?? float.NaN);
            }

            falsePositiveScores.AddRange(slide.Detections
                .Where(detection => detection.MatchedFoci.Count == 0)
                .Select(detection => detection.Detection.Probability));
        }

        if (slides.Count == 0 || lesionScores.Count == 0)
        {
            return new FrocResult(null, FalsePositiveRates.Select(rate => new FrocPoint(null, rate, null)).ToList(), []);
        }

        var curve = BuildCurve(lesionScores, falsePositiveScores, slides.Count);
        var sensitivities = FalsePositiveRates
            .Select(rate => new FrocPoint(null, rate, curve.Last(point => point.FalsePositivesPerSlide <= rate).Sensitivity))
            .ToList();
        var score = sensitivities.Average(point => point.Sensitivity!.Value);
        return new FrocResult(score, sensitivities, curve);
    }

    private static List<FrocPoint> BuildCurve(List<float> lesionScores, List<float> falsePositiveScores, int slideCount)
    {
        var thresholds = lesionScores
            .Where(score => !float.IsNaN(score))
            .Concat(falsePositiveScores)
            .Distinct()
            .OrderByDescending(score => score);
        var curve = new List<FrocPoint> { new(null, 0, 0) };
        foreach (var threshold in thresholds)
        {
            // NaN (a lesion that no detection hit) compares false, so it is never counted as found.
            var found = lesionScores.Count(score => score >= threshold);
            var falsePositives = falsePositiveScores.Count(score => score >= threshold);
            curve.Add(new FrocPoint(threshold, falsePositives / (double)slideCount, found / (double)lesionScores.Count));
        }

        return curve;
    }
}

/// <summary>
/// The FROC of one method.
/// </summary>
/// <param name="Score">Mean sensitivity at <see cref="Froc.FalsePositiveRates"/>, or null when there is no lesion to find.</param>
/// <param name="Sensitivities">Sensitivity at each of <see cref="Froc.FalsePositiveRates"/>.</param>
/// <param name="Curve">Every operating point, from the highest threshold down.</param>
public sealed record FrocResult(double? Score, IReadOnlyList<FrocPoint> Sensitivities, IReadOnlyList<FrocPoint> Curve);

/// <summary>One operating point of a FROC curve.</summary>
/// <param name="Threshold">Lowest detection probability kept, or null for the point before any detection and for read-outs.</param>
public sealed record FrocPoint(float? Threshold, double FalsePositivesPerSlide, double? Sensitivity);
