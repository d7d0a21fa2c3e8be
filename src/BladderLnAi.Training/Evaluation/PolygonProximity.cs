using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Overlap and distance tests between polygons given as vertex lists (closed implicitly, first point not repeated).
/// A list of one point is a point and a list of two points a segment.
/// </summary>
public static class PolygonProximity
{
    /// <summary>
    /// Returns whether the two polygons share any point: their boundaries cross or touch, or one lies inside the
    /// other.
    /// </summary>
    public static bool Overlaps(IReadOnlyList<PointD> first, IReadOnlyList<PointD> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count == 0 || second.Count == 0 || !BoundsWithin(first, second, 0))
        {
            return false;
        }

        for (var i = 0; i < first.Count; i++)
        {
            var (a, b) = (first[i], first[(i + 1) % first.Count]);
            for (var j = 0; j < second.Count; j++)
            {
                if (SegmentsIntersect(a, b, second[j], second[(j + 1) % second.Count]))
                {
                    return true;
                }
            }
        }

        // No boundaries cross, so either one polygon contains the other entirely or they are apart.
        return Contains(second, first[0]) || Contains(first, second[0]);
    }

    /// <summary>
    /// Returns the shortest distance between the two polygons in their units: 0 when they overlap, else the
    /// shortest distance between their boundaries.
    /// </summary>
    public static double Distance(IReadOnlyList<PointD> first, IReadOnlyList<PointD> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count == 0 || second.Count == 0)
        {
            return double.PositiveInfinity;
        }

        if (Overlaps(first, second))
        {
            return 0;
        }

        var minimumSquared = double.PositiveInfinity;
        for (var i = 0; i < first.Count; i++)
        {
            var (a, b) = (first[i], first[(i + 1) % first.Count]);
            for (var j = 0; j < second.Count; j++)
            {
                var squared = SegmentDistanceSquared(a, b, second[j], second[(j + 1) % second.Count]);
                minimumSquared = Math.Min(minimumSquared, squared);
            }
        }

        return Math.Sqrt(minimumSquared);
    }

    /// <summary>
    /// Returns whether the polygons lie within <paramref name="distance"/> of each other. Polygons whose bounding
    /// boxes are further apart are rejected without comparing edges.
    /// </summary>
    public static bool AreWithin(IReadOnlyList<PointD> first, IReadOnlyList<PointD> second, double distance)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfNegative(distance);
        if (first.Count == 0 || second.Count == 0 || !BoundsWithin(first, second, distance))
        {
            return false;
        }

        return Distance(first, second) <= distance;
    }

    /// <summary>
    /// Returns whether <paramref name="point"/> lies inside the polygon, by the even-odd ray-crossing rule. A
    /// polygon of fewer than three points contains nothing.
    /// </summary>
    public static bool Contains(IReadOnlyList<PointD> polygon, PointD point)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon.Count < 3)
        {
            return false;
        }

        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            if ((a.Y > point.Y) != (b.Y > point.Y)
                && point.X < (b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static bool BoundsWithin(IReadOnlyList<PointD> first, IReadOnlyList<PointD> second, double margin)
    {
        var (firstMin, firstMax) = Bounds(first);
        var (secondMin, secondMax) = Bounds(second);
        return firstMin.X - margin <= secondMax.X
            && secondMin.X - margin <= firstMax.X
            && firstMin.Y - margin <= secondMax.Y
            && secondMin.Y - margin <= firstMax.Y;
    }

    private static (PointD Minimum, PointD Maximum) Bounds(IReadOnlyList<PointD> polygon)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var point in polygon)
        {
            minX = Math.Min(minX, point.X);
            minY = Math.Min(minY, point.Y);
            maxX = Math.Max(maxX, point.X);
            maxY = Math.Max(maxY, point.Y);
        }

        return (new PointD(minX, minY), new PointD(maxX, maxY));
    }

    /// <summary>Returns whether closed segments ab and cd share a point, collinear overlaps and touching ends included.</summary>
    private static bool SegmentsIntersect(PointD a, PointD b, PointD c, PointD d)
    {
        var d1 = Cross(c, d, a);
        var d2 = Cross(c, d, b);
        var d3 = Cross(a, b, c);
        var d4 = Cross(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(c, d, a))
            || (d2 == 0 && OnSegment(c, d, b))
            || (d3 == 0 && OnSegment(a, b, c))
            || (d4 == 0 && OnSegment(a, b, d));
    }

    /// <summary>Returns whether <paramref name="point"/>, known to be collinear with pq, lies within pq's bounding box.</summary>
    private static bool OnSegment(PointD p, PointD q, PointD point) =>
        Math.Min(p.X, q.X) <= point.X && point.X <= Math.Max(p.X, q.X)
        && Math.Min(p.Y, q.Y) <= point.Y && point.Y <= Math.Max(p.Y, q.Y);

    private static double Cross(PointD origin, PointD a, PointD b) =>
        (a.X - origin.X) * (b.Y - origin.Y) - (a.Y - origin.Y) * (b.X - origin.X);

    /// <summary>Returns the squared distance between segments ab and cd, which do not intersect.</summary>
    private static double SegmentDistanceSquared(PointD a, PointD b, PointD c, PointD d) =>
        Math.Min(
            Math.Min(PointSegmentDistanceSquared(a, c, d), PointSegmentDistanceSquared(b, c, d)),
            Math.Min(PointSegmentDistanceSquared(c, a, b), PointSegmentDistanceSquared(d, a, b)));

    private static double PointSegmentDistanceSquared(PointD point, PointD a, PointD b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared == 0
            ? 0
            : Math.Clamp(((point.X - a.X) * dx + (point.Y - a.Y) * dy) / lengthSquared, 0, 1);
        var (ex, ey) = (a.X + t * dx - point.X, a.Y + t * dy - point.Y);
        return ex * ex + ey * ey;
    }
}
