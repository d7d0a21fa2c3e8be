using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Fills target pixel centres inside triangles with barycentrically interpolated values.
/// </summary>
/// <remarks>
/// Pixel centres are tested against the snapped vertices with exact integer edge functions. A centre
/// on an edge belongs to the triangle for which that edge is a top or left edge (the top-left fill
/// rule), so triangles that share an edge never both claim a centre on it.
/// </remarks>
internal sealed class TriangleRasterizer(FloatMap values, FloatMap density)
{
    private const int SubpixelBits = FixedPoint.SubpixelBits;

    public FloatMap Values { get; } = values;

    public FloatMap Density { get; } = density;

    public void Fill(in MeshVertex a, in MeshVertex b, in MeshVertex c, float cellDensity)
    {
        var (p0, p1, p2) = (a.Snapped, b.Snapped, c.Snapped);
        var (v0, v1, v2) = (a.Value, b.Value, c.Value);
        var twiceArea = FixedPoint.Cross(p0, p1, p2);
        if (twiceArea == 0)
        {
            return;
        }

        if (twiceArea < 0)
        {
            (p1, p2) = (p2, p1);
            (v1, v2) = (v2, v1);
            twiceArea = -twiceArea;
        }

        var (bias0, bias1, bias2) = (Bias(p1, p2), Bias(p2, p0), Bias(p0, p1));
        var xStart = Math.Max(0, CeilingToPixel(Math.Min(p0.X, Math.Min(p1.X, p2.X))));
        var xEnd = Math.Min(Values.Width - 1, FloorToPixel(Math.Max(p0.X, Math.Max(p1.X, p2.X))));
        var yStart = Math.Max(0, CeilingToPixel(Math.Min(p0.Y, Math.Min(p1.Y, p2.Y))));
        var yEnd = Math.Min(Values.Height - 1, FloorToPixel(Math.Max(p0.Y, Math.Max(p1.Y, p2.Y))));
        for (var y = yStart; y <= yEnd; y++)
        {
            for (var x = xStart; x <= xEnd; x++)
            {
                var centre = new FixedPoint((long)x << SubpixelBits, (long)y << SubpixelBits);
                var w0 = FixedPoint.Cross(p1, p2, centre);
                var w1 = FixedPoint.Cross(p2, p0, centre);
                var w2 = FixedPoint.Cross(p0, p1, centre);
                if ((w0 + bias0 | w1 + bias1 | w2 + bias2) < 0)
                {
                    continue;
                }

                var index = y * Values.Width + x;
                Values.Values[index] = (float)((w0 * (double)v0 + w1 * (double)v1 + w2 * (double)v2) / twiceArea);
                Density.Values[index] = cellDensity;
            }
        }
    }

    /// <summary>
    /// Returns 0 for a top or left edge, whose centres are inside, and -1 otherwise, which excludes
    /// centres exactly on the edge.
    /// </summary>
    private static long Bias(FixedPoint from, FixedPoint to)
    {
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        return dy < 0 || (dy == 0 && dx > 0) ? 0 : -1;
    }

    private static int CeilingToPixel(long value) => (int)-(-value >> SubpixelBits);

    private static int FloorToPixel(long value) => (int)(value >> SubpixelBits);
}

/// <summary>
/// A position in target pixels snapped to 1/256 pixel, so that edge tests are exact integer arithmetic.
/// </summary>
internal readonly record struct FixedPoint(long X, long Y)
{
    public const int SubpixelBits = 8;

    public static FixedPoint Snap(double x, double y) =>
        new((long)Math.Round(x * (1 << SubpixelBits)), (long)Math.Round(y * (1 << SubpixelBits)));

    /// <summary>
    /// Computes twice the signed area of triangle (a, b, p), the edge function of edge a to b. It is
    /// positive when p lies to the right of a to b on screen (y down), which is the inside of a
    /// triangle whose own signed area is positive.
    /// </summary>
    public static long Cross(FixedPoint a, FixedPoint b, FixedPoint p) =>
        (b.X - a.X) * (p.Y - a.Y) - (b.Y - a.Y) * (p.X - a.X);
}
