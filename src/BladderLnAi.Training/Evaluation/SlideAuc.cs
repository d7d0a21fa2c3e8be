namespace BladderLnAi.Training.Evaluation;

/// <summary>Slide-level ROC analysis of how well a method's highest detection probability separates positive slides.</summary>
public static class SlideAuc
{
    /// <summary>
    /// Computes the area under the ROC curve of slide scores against slide labels (positive: the slide has at least
    /// one focus), as the Mann-Whitney probability that a positive slide scores above a negative one, ties counting
    /// half. Returns null unless there is at least one positive and one negative slide.
    /// </summary>
    public static double? Compute(IReadOnlyList<(float Score, bool Positive)> slides)
    {
        ArgumentNullException.ThrowIfNull(slides);
        var positives = slides.Where(slide => slide.Positive).Select(slide => slide.Score).ToList();
        var negatives = slides.Where(slide => !slide.Positive).Select(slide => slide.Score).ToList();
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return null;
        }

        var wins = 0.0;
        foreach (var positive in positives)
        {
            foreach (var negative in negatives)
            {
                if (positive > negative)
                {
                    wins += 1;
                }
                else if (positive == negative)
                {
                    wins += 0.5;
                }
            }
        }

        return wins / (positives.Count * (double)negatives.Count);
    }

    /// <summary>Computes the AUC of matched slides, each scored by <see cref="SlideMatch.SlideScore"/>.</summary>
    public static double? Compute(IReadOnlyList<SlideMatch> slides)
    {
        ArgumentNullException.ThrowIfNull(slides);
        return Compute(slides.Select(slide => (slide.SlideScore, slide.Case.Foci.Count > 0)).ToList());
    }
}
