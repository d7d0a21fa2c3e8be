using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Imaging.Geometry;

/// <summary>
/// Traces component outlines along pixel edges.
/// </summary>
public static class ContourTracer
{
    // Directions in clockwise order on screen (y down): right, down, left, up.
    private static readonly int[] StepX = [1, 0, -1, 0];
    private static readonly int[] StepY = [0, 1, 0, -1];

    /// <summary>
    /// Traces the outer boundary of one component along pixel edges, in pixel-corner coordinates where
    /// pixel (x, y) covers [x, x + 1] x [y, y + 1].
    /// </summary>
    /// <remarks>
    /// The polygon starts at the top-left corner of the component's first pixel in raster order and runs
    /// clockwise as seen on screen (y down), so <see cref="PolygonGeometry"/>'s shoelace sum is positive.
    /// It is closed implicitly (the first point is not repeated), holds only the corners where the
    /// boundary turns, and ignores holes. Pixels that touch only at a corner belong to one 8-connected
    /// component, so the outline passes through that corner twice.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a component label.</exception>
    public static IReadOnlyList<PointD> TraceOuterBoundary(ComponentLabels labels, int label)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (label < 1 || label > labels.Components.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(label), label, $"Component labels run from 1 to {labels.Components.Count}.");
        }

        var (startX, startY) = FirstPixel(labels, labels.Components[label - 1]);
        return Walk(labels, label, startX, startY);
    }

    private static (int X, int Y) FirstPixel(ComponentLabels labels, Component component)
    {
        var row = component.MinY * labels.Width;
        for (var x = component.MinX; x <= component.MaxX; x++)
        {
            if (labels.Labels[row + x] == component.Label)
            {
                return (x, component.MinY);
            }
        }

        throw new ArgumentException(
            $"Component {component.Label} has no pixel in its top bounding-box row {component.MinY}.", nameof(labels));
    }

    /// <summary>
    /// Follows the boundary crack by crack with the component on the right-hand side. At each corner
    /// the walk turns left when the pixel ahead-left is inside (which keeps diagonal neighbours
    /// together, as 8-connectivity requires), goes straight when only the pixel ahead-right is inside,
    /// and turns right otherwise.
    /// </summary>
    private static List<PointD> Walk(ComponentLabels labels, int label, int startX, int startY)
    {
        var polygon = new List<PointD> { new(startX, startY) };
        var (x, y, direction) = (startX + 1, startY, 0);
        while (true)
        {
            var next = NextDirection(labels, label, x, y, direction);
            if (x == startX && y == startY && next == 0)
            {
                return polygon;
            }

            if (next != direction)
            {
                polygon.Add(new PointD(x, y));
            }

            direction = next;
            x += StepX[direction];
            y += StepY[direction];
        }
    }

    private static int NextDirection(ComponentLabels labels, int label, int cornerX, int cornerY, int direction)
    {
        // For a corner and a travel direction, the pixel ahead-left and ahead-right of the corner.
        var (aheadLeft, aheadRight) = direction switch
        {
            0 => (IsInside(labels, label, cornerX, cornerY - 1), IsInside(labels, label, cornerX, cornerY)),
            1 => (IsInside(labels, label, cornerX, cornerY), IsInside(labels, label, cornerX - 1, cornerY)),
            2 => (IsInside(labels, label, cornerX - 1, cornerY), IsInside(labels, label, cornerX - 1, cornerY - 1)),
            _ => (IsInside(labels, label, cornerX - 1, cornerY - 1), IsInside(labels, label, cornerX, cornerY - 1)),
        };

        if (aheadLeft)
        {
            return (direction + 3) % 4;
        }

        return aheadRight ? direction : (direction + 1) % 4;
    }

    private static bool IsInside(ComponentLabels labels, int label, int x, int y) =>
        x >= 0 && y >= 0 && x < labels.Width && y < labels.Height && labels.Labels[y * labels.Width + x] == label;
}
