using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// One annotated tumour focus of a slide.
/// </summary>
/// <param name="Id">Index of the focus within its slide, from 0.</param>
/// <param name="Outline">Closed outline in level-0 pixels, without repeating the first point.</param>
/// <param name="SizeClass">AJCC size class, or <see cref="SizeClass.Unknown"/> when the size is not known.</param>
/// <param name="GreatestDimensionMicrons">Greatest dimension in um, or null when the size is not known.</param>
public sealed record GroundTruthFocus(
    int Id,
    IReadOnlyList<PointD> Outline,
    SizeClass SizeClass,
    double? GreatestDimensionMicrons);
