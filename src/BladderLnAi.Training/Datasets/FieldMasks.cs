using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Training.Annotations;

namespace BladderLnAi.Training.Datasets;

/// <summary>Ground-truth masks of single fields.</summary>
public static class FieldMasks
{
    /// <summary>
    /// Rasterizes the regions inside a field into a mask of <paramref name="side"/> x <paramref name="side"/>
    /// pixels that covers the field exactly, as a field image read at that size does.
    /// </summary>
    public static BinaryMask Rasterize(IReadOnlyList<AnnotatedRegion> regions, FieldPlan field, int side)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(field);
        var shifted = regions
            .Where(region => Touches(region, field))
            .Select(region => Shift(region, -field.X, -field.Y))
            .ToList();
        return AnnotationRasterizer.Rasterize(shifted, field.Size / side, side, side);
    }

    /// <summary>Returns whether the region's bounding box overlaps the field.</summary>
    public static bool Touches(AnnotatedRegion region, FieldPlan field)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(field);
        if (region.Outer.Count == 0)
        {
            return false;
        }

        var minX = region.Outer.Min(point => point.X);
        var maxX = region.Outer.Max(point => point.X);
        var minY = region.Outer.Min(point => point.Y);
        var maxY = region.Outer.Max(point => point.Y);
        return maxX > field.X && minX < field.X + field.Size && maxY > field.Y && minY < field.Y + field.Size;
    }

    private static AnnotatedRegion Shift(AnnotatedRegion region, double dx, double dy)
    {
        static IReadOnlyList<PointD> Move(IReadOnlyList<PointD> ring, double dx, double dy) =>
            ring.Select(point => new PointD(point.X + dx, point.Y + dy)).ToList();

        return region with
        {
            Outer = Move(region.Outer, dx, dy),
            Holes = region.Holes.Select(hole => Move(hole, dx, dy)).ToList(),
        };
    }
}
