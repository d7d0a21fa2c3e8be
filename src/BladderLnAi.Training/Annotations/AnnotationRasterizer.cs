using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Training.Annotations;

/// <summary>Turns annotated regions into a binary mask, for example a training target or an evaluation reference.</summary>
public static class AnnotationRasterizer
{
    /// <summary>
    /// Rasterizes regions into a new mask whose pixel (x, y) covers level-0 pixels
    /// [x * scale, (x + 1) * scale) x [y * scale, (y + 1) * scale).
    /// </summary>
    /// <remarks>
    /// A mask pixel is set when its centre lies inside some region's outer ring and inside none of that region's holes,
    /// each ring filled by the even-odd rule. Regions may overlap, and the result is their union. Parts of a region
    /// outside the mask are clipped.
    /// </remarks>
    /// <param name="scale">Level-0 pixels per mask pixel, for example 1 for a full-resolution mask.</param>
    /// <param name="width">Mask width in pixels.</param>
    /// <param name="height">Mask height in pixels.</param>
    public static BinaryMask Rasterize(IReadOnlyList<AnnotatedRegion> regions, double scale, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scale), scale, "Scale must be a positive number of level-0 pixels per mask pixel.");
        }

        var mask = new BinaryMask(width, height);
        var crossings = new List<double>();
        foreach (var region in regions)
        {
            RasterizeRegion(region, scale, mask, crossings);
        }

        return mask;
    }

    private static void RasterizeRegion(
        AnnotatedRegion region,
        double scale,
        BinaryMask mask,
        List<double> crossings)
    {
        if (region.Outer.Count < 3)
        {
            return;
        }

        var (minX, minY, maxX, maxY) = Bounds(region.Outer);
        var firstColumn = (int)Math.Clamp(Math.Ceiling(minX / scale - 0.5), 0, mask.Width);
        var endColumn = (int)Math.Clamp(Math.Ceiling(maxX / scale - 0.5), 0, mask.Width);
        var firstRow = (int)Math.Clamp(Math.Ceiling(minY / scale - 0.5), 0, mask.Height);
        var endRow = (int)Math.Clamp(Math.Ceiling(maxY / scale - 0.5), 0, mask.Height);
        if (firstColumn >= endColumn || firstRow >= endRow)
        {
            return;
        }

        var outer = new PolygonEdges([region.Outer]);
        var holes = region.Holes.Where(hole => hole.Count >= 3).Select(hole => new PolygonEdges([hole])).ToList();
        var row = new byte[endColumn - firstColumn];
        var originX = firstColumn * scale;
        for (var y = firstRow; y < endRow; y++)
        {
            var centreY = (y + 0.5) * scale;
            Array.Clear(row);
            outer.FillRow(centreY, originX, scale, row, 1, crossings);
            foreach (var hole in holes)
            {
                hole.FillRow(centreY, originX, scale, row, 0, crossings);
            }

            var values = mask.Values.AsSpan(y * mask.Width + firstColumn, row.Length);
            for (var x = 0; x < row.Length; x++)
            {
                values[x] |= row[x] != 0;
            }
        }
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Bounds(IReadOnlyList<PointD> ring)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        foreach (var point in ring)
        {
            minX = Math.Min(minX, point.X);
            minY = Math.Min(minY, point.Y);
            maxX = Math.Max(maxX, point.X);
            maxY = Math.Max(maxY, point.Y);
        }

        return (minX, minY, maxX, maxY);
    }
}
