using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Web.Teaching.Scoring;

/// <summary>Point-in-outline, distance-to-edge and centroid for closed level-0 outlines (first point not repeated).</summary>
public static class OutlineGeometry
{
    // A point this close to an edge, in level-0 pixels, lies on it.
    private const double EdgeSlackPixels = 1e-9;

    /// <summary>Returns whether the point lies inside the outline or on its edge (even-odd rule).</summary>
    public static bool Contains(IReadOnlyList<PointD> outline, PointD point)
    {
        if (outline.Count == 0)
        {
            return false;
        }

        if (DistanceToEdge(outline, point, insideIsZero: false) <= EdgeSlackPixels)
        {
            return true;
        }

        var inside = false;
        for (int i = 0, j = outline.Count - 1; i < outline.Count; j = i++)
        {
            var (a, b) = (outline[i], outline[j]);
            if ((a.Y > point.Y) != (b.Y > point.Y)
                && point.X < (b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Returns the distance in level-0 pixels from the point to the outline: 0 inside, else to the nearest edge.</summary>
    public static double DistanceToEdge(IReadOnlyList<PointD> outline, PointD point) =>
        DistanceToEdge(outline, point, insideIsZero: true);

    /// <summary>Returns the area centroid, or the mean of the points when the outline has no area.</summary>
    public static PointD Centroid(IReadOnlyList<PointD> outline)
    {
        double twiceArea = 0, sumX = 0, sumY = 0;
        for (var i = 0; i < outline.Count; i++)
        {
            var (current, next) = (outline[i], outline[(i + 1) % outline.Count]);
            var cross = current.X * next.Y - next.X * current.Y;
            twiceArea += cross;
            sumX += (current.X + next.X) * cross;
            sumY += (current.Y + next.Y) * cross;
        }

        if (Math.Abs(twiceArea) < 1e-12)
        {
            return new PointD(outline.Average(p => p.X), outline.Average(p => p.Y));
        }

        return new PointD(sumX / (3 * twiceArea), sumY / (3 * twiceArea));
    }

    private static double DistanceToEdge(IReadOnlyList<PointD> outline, PointD point, bool insideIsZero)
    {
        if (outline.Count == 0)
        {
            return double.PositiveInfinity;
        }

        if (insideIsZero && Contains(outline, point))
        {
            return 0;
        }

        var nearest = double.PositiveInfinity;
        for (var i = 0; i < outline.Count; i++)
        {
            nearest = Math.Min(nearest, DistanceToSegment(point, outline[i], outline[(i + 1) % outline.Count]));
        }

        return nearest;
    }

    private static double DistanceToSegment(PointD point, PointD start, PointD end)
    {
        var (dx, dy) = (end.X - start.X, end.Y - start.Y);
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared == 0 ? 0 : Math.Clamp(((point.X - start.X) * dx + (point.Y - start.Y) * dy) / lengthSquared, 0, 1);
        var (nearestX, nearestY) = (start.X + t * dx, start.Y + t * dy);
        return Math.Sqrt((point.X - nearestX) * (point.X - nearestX) + (point.Y - nearestY) * (point.Y - nearestY));
    }
}
