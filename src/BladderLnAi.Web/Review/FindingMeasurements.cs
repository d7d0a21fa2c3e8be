using BladderLnAi.Analysis.Findings;
using BladderLnAi.Data.Cases;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Measures a finding from its level-0 outline: centre, greatest dimension (maximum Feret diameter), area and AJCC
/// size class, with the same geometry and thresholds as the analysis.
/// </summary>
public static class FindingMeasurements
{
    /// <summary>Fewest distinct points of an outline; fewer enclose no area.</summary>
    public const int MinimumOutlinePoints = 3;

    /// <summary>Most points of an outline, so that one request cannot store an unbounded polygon.</summary>
    public const int MaximumOutlinePoints = 20_000;

    /// <summary>Sets the finding's outline and recomputes its measurements from it.</summary>
    /// <param name="micronsPerPixel">Level-0 microns per pixel of the slide; null leaves sizes unknown.</param>
    public static void Apply(CaseFinding finding, IReadOnlyList<PointD> outline, double? micronsPerPixel)
    {
        finding.Outline = outline;
        var centre = PolygonGeometry.Centroid(outline);
        finding.CentreX = centre.X;
        finding.CentreY = centre.Y;
        finding.GreatestDimensionMicrons = micronsPerPixel is { } mpp ? PolygonGeometry.MaxFeretDiameter(outline) * mpp : null;
        finding.AreaSquareMillimetres = micronsPerPixel is { } m ? PolygonGeometry.Area(outline) * m * m / 1e6 : null;
        finding.SizeClass = SizeClassification.Classify(finding.GreatestDimensionMicrons).Code();
    }

    /// <summary>Checks that an outline is a usable polygon inside the slide.</summary>
    /// <exception cref="ReviewException">The outline is too short, too long, not finite, or outside the slide.</exception>
    public static IReadOnlyList<PointD> Validate(IReadOnlyList<PointD>? outline, long slideWidth, long slideHeight)
    {
        if (outline is null || outline.Distinct().Count() < MinimumOutlinePoints)
        {
            throw ReviewException.Invalid(
                $"An outline needs at least {MinimumOutlinePoints} distinct points; it has {outline?.Distinct().Count() ?? 0}. Draw the deposit's border again.");
        }

        if (outline.Count > MaximumOutlinePoints)
        {
            throw ReviewException.Invalid(
                $"An outline may have at most {MaximumOutlinePoints} points; it has {outline.Count}. Simplify it before saving.");
        }

        var outside = outline
            .Where(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y) || p.X < 0 || p.Y < 0 || p.X > slideWidth || p.Y > slideHeight)
            .Select(p => (PointD?)p)
            .FirstOrDefault();
        if (outside is { } point)
        {
            throw ReviewException.Invalid(
                $"Outline point ({point.X}, {point.Y}) lies outside the slide (0..{slideWidth} x 0..{slideHeight} level-0 pixels).");
        }

        // A closing point equal to the first is dropped, because outlines are closed implicitly.
        return outline.Count > 1 && outline[0] == outline[^1] ? outline.Take(outline.Count - 1).ToList() : outline;
    }
}
