using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Analysis.Findings;

/// <summary>
/// One suspected tumour deposit on a slide.
/// </summary>
/// <param name="Outline">Closed outline in level-0 pixel coordinates; the first point is not repeated.</param>
/// <param name="GreatestDimensionMicrons">Greatest dimension in um; null when the slide has no microns per pixel.</param>
/// <param name="AreaSquareMillimetres">Area in mm2; null when the slide has no microns per pixel.</param>
public sealed record Finding(
    int Id,
    IReadOnlyList<PointD> Outline,
    double CentreX,
    double CentreY,
    double? GreatestDimensionMicrons,
    double? AreaSquareMillimetres,
    float MaximumProbability,
    float MeanProbability,
    SizeClass SizeClass);
