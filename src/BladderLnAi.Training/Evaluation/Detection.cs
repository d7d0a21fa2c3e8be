using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// One detection of a method under evaluation: a finding's outline and its maximum probability.
/// </summary>
/// <param name="Outline">Closed outline in level-0 pixels, without repeating the first point.</param>
/// <param name="Probability">Detection score, the finding's maximum heatmap probability.</param>
public sealed record Detection(IReadOnlyList<PointD> Outline, float Probability)
{
    public static Detection FromFinding(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new Detection(finding.Outline, finding.MaximumProbability);
    }
}
