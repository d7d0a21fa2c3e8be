namespace BladderLnAi.Imaging.Geometry;

/// <summary>
/// Measurements of simple polygons given as vertex lists (closed implicitly, first point not repeated).
/// </summary>
public static class PolygonGeometry
{
    /// <summary>Computes the enclosed area with the shoelace formula, positive for either orientation.</summary>
    public static double Area(IReadOnlyList<PointD> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        return Math.Abs(SignedArea(polygon));
    }

    /// <summary>
    /// Computes the area centroid of a simple polygon. A polygon without area (fewer than three points, or all on a
    /// line) gives the mean of its vertices; an empty polygon gives (0, 0).
    /// </summary>
    public static PointD Centroid(IReadOnlyList<PointD> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var signedArea = SignedArea(polygon);
        if (polygon.Count < 3 || Math.Abs(signedArea) < 1e-12)
        {
            return polygon.Count == 0
                ? new PointD(0, 0)
                : new PointD(polygon.Average(p => p.X), polygon.Average(p => p.Y));
        }

        double sumX = 0, sumY = 0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var current = polygon[i];
            var next = polygon[(i + 1) % polygon.Count];
            var cross = current.X * next.Y - next.X * current.Y;
            sumX += (current.X + next.X) * cross;
            sumY += (current.Y + next.Y) * cross;
        }

        return new PointD(sumX / (6 * signedArea), sumY / (6 * signedArea));
    }

    /// <summary>
    /// Computes the convex hull with Andrew's monotone chain. The hull runs clockwise on screen (y down),
    /// like <see cref="ContourTracer"/> outlines, and holds no collinear or repeated points. Fewer than
    /// three distinct points give those points (one or two) and an empty input gives an empty hull.
    /// </summary>
    public static IReadOnlyList<PointD> ConvexHull(IReadOnlyList<PointD> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
        if (sorted.Length < 3)
        {
            return sorted;
        }

        var hull = new List<PointD>(sorted.Length + 1);
        AppendChain(hull, sorted, 2);

        // The upper chain starts from the rightmost point, which already ends the lower chain, and ends
        // on the leftmost point, which already starts it.
        var lowerCount = hull.Count;
        Array.Reverse(sorted);
        AppendChain(hull, sorted.AsSpan(1), lowerCount + 1);
        hull.RemoveAt(hull.Count - 1);
        return hull;
    }

    /// <summary>
    /// Computes the maximum Feret diameter (caliper diameter): the greatest distance between two
    /// vertices of the convex hull, in the polygon's units. Zero for fewer than two distinct points.
    /// </summary>
    public static double MaxFeretDiameter(IReadOnlyList<PointD> polygon)
    {
        var hull = ConvexHull(polygon);
        var maxSquared = 0.0;
        for (var i = 0; i < hull.Count; i++)
        {
            for (var j = i + 1; j < hull.Count; j++)
            {
                var dx = hull[j].X - hull[i].X;
                var dy = hull[j].Y - hull[i].Y;
                maxSquared = Math.Max(maxSquared, dx * dx + dy * dy);
            }
        }

        return Math.Sqrt(maxSquared);
    }

    private static double SignedArea(IReadOnlyList<PointD> polygon)
    {
        var sum = 0.0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var current = polygon[i];
            var next = polygon[(i + 1) % polygon.Count];
            sum += current.X * next.Y - next.X * current.Y;
        }

        return sum / 2;
    }

    /// <summary>
    /// Appends one monotone chain, popping points that do not make a strict turn in the hull's
    /// direction. Popping needs at least <paramref name="minimumCount"/> points in the list, so the
    /// chain's first point and every point of an earlier chain stay.
    /// </summary>
    private static void AppendChain(List<PointD> hull, ReadOnlySpan<PointD> points, int minimumCount)
    {
        foreach (var point in points)
        {
            while (hull.Count >= minimumCount && Cross(hull[^2], hull[^1], point) <= 0)
            {
                hull.RemoveAt(hull.Count - 1);
            }

            hull.Add(point);
        }
    }

    /// <summary>Z component of (b - a) x (c - a); positive when a, b, c turn clockwise on screen (y down).</summary>
    private static double Cross(PointD a, PointD b, PointD c) =>
        (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
}
