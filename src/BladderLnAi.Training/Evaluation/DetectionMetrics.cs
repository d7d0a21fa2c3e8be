using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Focus-level recall, false positives, FROC and slide AUC of one method over a set of slides.
/// </summary>
/// <param name="Recall">Recall at the method's finding threshold, by focus size.</param>
/// <param name="FalsePositives">Detections that hit no focus, over all slides.</param>
/// <param name="FalsePositivesPerSlide"><paramref name="FalsePositives"/> divided by the number of slides, or 0 without slides.</param>
/// <param name="Auc">Slide-level AUC, or null unless both positive and negative slides were evaluated.</param>
public sealed record DetectionMetrics(
    int Slides,
    RecallBySize Recall,
    int FalsePositives,
    double FalsePositivesPerSlide,
    FrocResult Froc,
    double? Auc)
{
    /// <summary>Greatest dimension, in um, below which <see cref="RecallBySize.SmallFoci"/> counts a focus.</summary>
    public const double SmallFocusLimitMicrons = 500;

    /// <summary>Computes every metric of matched slides.</summary>
    public static DetectionMetrics Compute(IReadOnlyList<SlideMatch> slides)
    {
        ArgumentNullException.ThrowIfNull(slides);
        var foci = slides.SelectMany(slide => slide.Foci).ToList();
        var recall = new RecallBySize(
            RecallFigure.Of(foci.Where(focus => focus.Focus.SizeClass == SizeClass.IsolatedTumourCells)),
            RecallFigure.Of(foci.Where(focus => focus.Focus.SizeClass == SizeClass.Micrometastasis)),
            RecallFigure.Of(foci.Where(focus => focus.Focus.SizeClass == SizeClass.Macrometastasis)),
            RecallFigure.Of(foci.Where(focus => focus.Focus.GreatestDimensionMicrons < SmallFocusLimitMicrons)),
            RecallFigure.Of(foci));
        var falsePositives = slides.Sum(slide => slide.FalsePositiveCount);
        return new DetectionMetrics(
            slides.Count,
            recall,
            falsePositives,
            slides.Count == 0 ? 0 : falsePositives / (double)slides.Count,
            Evaluation.Froc.Compute(slides),
            SlideAuc.Compute(slides));
    }
}

/// <summary>
/// Recall by focus size.
/// </summary>
/// <param name="IsolatedTumourCells">Foci of at most 0.2 mm.</param>
/// <param name="Micrometastases">Foci above 0.2 mm and at most 2 mm.</param>
/// <param name="Macrometastases">Foci above 2 mm.</param>
/// <param name="SmallFoci">Foci under <see cref="DetectionMetrics.SmallFocusLimitMicrons"/> um, whatever their class.</param>
/// <param name="All">Every focus, including those of unknown size.</param>
public sealed record RecallBySize(
    RecallFigure IsolatedTumourCells,
    RecallFigure Micrometastases,
    RecallFigure Macrometastases,
    RecallFigure SmallFoci,
    RecallFigure All);

/// <summary>Detected foci out of a total.</summary>
public sealed record RecallFigure(int Detected, int Total)
{
    /// <summary>Detected / Total, or null when there is no focus.</summary>
    public double? Value => Total == 0 ? null : Detected / (double)Total;

    public static RecallFigure Of(IEnumerable<FocusOutcome> foci)
    {
        var list = foci.ToList();
        return new RecallFigure(list.Count(focus => focus.Detected), list.Count);
    }
}
