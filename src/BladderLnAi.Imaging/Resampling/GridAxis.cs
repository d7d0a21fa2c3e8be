namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A position along one axis of a <see cref="SamplingGrid"/>, between extended grid indices
/// <see cref="Index"/> and <see cref="Index"/> + 1.
/// </summary>
/// <param name="Index">Extended grid index: 0 is the output edge, 1 to size the grid points.</param>
/// <param name="Fraction">Interpolation weight of <see cref="Index"/> + 1, 0 to 1.</param>
/// <param name="Scale">Derivative of <see cref="Fraction"/> with respect to the normalised output position.</param>
internal readonly record struct AxisPosition(int Index, double Fraction, double Scale);

/// <summary>
/// Locates normalised output positions among the grid points of one axis.
/// </summary>
internal static class GridAxis
{
    /// <summary>
    /// Locates a normalised output position, clamped to [0, 1], on an axis of <paramref name="size"/>
    /// grid points at (k + 0.5) / size. The half cells before the first and after the last grid point
    /// run to the output edges.
    /// </summary>
    public static AxisPosition Locate(double position, int size)
    {
        var t = Math.Clamp(position, 0, 1) * size - 0.5;
        if (t <= 0)
        {
            return new AxisPosition(0, 2 * t + 1, 2.0 * size);
        }

        if (t >= size - 1)
        {
            return new AxisPosition(size, 2 * (t - (size - 1)), 2.0 * size);
        }

        var cell = (int)t;
        return new AxisPosition(cell + 1, t - cell, size);
    }

    /// <summary>Locates the pixel centres (k + 0.5) / pixels of a raster of <paramref name="pixels"/> pixels.</summary>
    public static AxisPosition[] LocatePixelCentres(int pixels, int size)
    {
        var positions = new AxisPosition[pixels];
        for (var k = 0; k < pixels; k++)
        {
            positions[k] = Locate((k + 0.5) / pixels, size);
        }

        return positions;
    }

    /// <summary>
    /// Locates the edge at 0, the pixel centres of a raster of <paramref name="pixels"/> pixels, and the
    /// edge at 1: the <paramref name="pixels"/> + 2 vertices of a mesh that reaches the raster's border.
    /// </summary>
    public static AxisPosition[] LocateMeshVertices(int pixels, int size)
    {
        var positions = new AxisPosition[pixels + 2];
        positions[0] = Locate(0, size);
        LocatePixelCentres(pixels, size).CopyTo(positions, 1);
        positions[pixels + 1] = Locate(1, size);
        return positions;
    }
}
