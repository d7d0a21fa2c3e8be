namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A coarse sampling grid: for each output grid point, the field position it samples.
/// </summary>
/// <remarks>
/// Output grid point (i, j) sits at normalised output position ((i + 0.5) / Width, (j + 0.5) / Height)
/// and samples normalised source position (U, V) at index <c>j * Width + i</c>. Positions in between
/// are interpolated bilinearly. Beyond the outermost grid points, up to the output edge, the grid is
/// extended by half a cell: the output edge x = 0 maps to u = 0 and x = 1 to u = 1 (likewise y = 0 and
/// 1 to v = 0 and 1), while the coordinate along that edge repeats the outermost grid point. The output
/// therefore always covers the whole field, and the identity grid maps every position to itself, the
/// border included. Linear extrapolation along the edge was rejected because it folded the border
/// strip beside blobs that touch the field edge.
/// </remarks>
public sealed class SamplingGrid
{
    /// <summary>Wraps grid coordinates, for example ones loaded from a stored analysis.</summary>
    /// <exception cref="ArgumentException">A buffer has the wrong length or a value outside [0, 1].</exception>
    public SamplingGrid(int width, int height, float[] u, float[] v)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ValidateCoordinates(u, width, height, nameof(u));
        ValidateCoordinates(v, width, height, nameof(v));
        Width = width;
        Height = height;
        U = u;
        V = v;
    }

    /// <summary>Number of grid points per row.</summary>
    public int Width { get; }

    /// <summary>Number of grid rows.</summary>
    public int Height { get; }

    /// <summary>Normalised source x of each grid point, <c>j * Width + i</c> is point (i, j).</summary>
    public float[] U { get; }

    /// <summary>Normalised source y of each grid point, <c>j * Width + i</c> is point (i, j).</summary>
    public float[] V { get; }

    /// <summary>Creates the grid that samples every output position at the same source position.</summary>
    public static SamplingGrid Identity(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var u = new float[checked(width * height)];
        var v = new float[u.Length];
        for (var j = 0; j < height; j++)
        {
            for (var i = 0; i < width; i++)
            {
                u[j * width + i] = (float)((i + 0.5) / width);
                v[j * width + i] = (float)((j + 0.5) / height);
            }
        }

        return new SamplingGrid(width, height, u, v);
    }

    /// <summary>
    /// Maps a normalised output position to the normalised source position it samples. Positions
    /// outside [0, 1] are clamped to the output edge first.
    /// </summary>
    public void Map(double x, double y, out double u, out double v)
    {
        var column = GridAxis.Locate(RequireNumber(x, nameof(x)), Width);
        var row = GridAxis.Locate(RequireNumber(y, nameof(y)), Height);
        u = Interpolate(isU: true, column, row, out _, out _);
        v = Interpolate(isU: false, column, row, out _, out _);
    }

    /// <summary>
    /// Computes how many output pixels cover one source pixel at a normalised output position, as
    /// 1 / sqrt(|det J|) with J the Jacobian of <see cref="Map"/>: the geometric mean of the
    /// enlargement along the two axes. It is 1 for the identity, above 1 where the grid magnifies and
    /// positive infinity where the mapping collapses. The value compares output and source at equal
    /// pixel counts, so multiply it by output width / source width for other sizes.
    /// </summary>
    /// <remarks>J is the exact derivative of the piecewise-bilinear mapping, so it is constant along
    /// each axis within a grid cell and may jump at cell edges.</remarks>
    public double LocalMagnification(double x, double y)
    {
        var column = GridAxis.Locate(RequireNumber(x, nameof(x)), Width);
        var row = GridAxis.Locate(RequireNumber(y, nameof(y)), Height);
        Interpolate(isU: true, column, row, out var dudColumn, out var dudRow);
        Interpolate(isU: false, column, row, out var dvdColumn, out var dvdRow);
        var determinant = (dudColumn * dvdRow - dudRow * dvdColumn) * column.Scale * row.Scale;
        return determinant == 0 ? double.PositiveInfinity : 1 / Math.Sqrt(Math.Abs(determinant));
    }

    /// <summary>
    /// Returns u at extended grid index (ex, ey), where 0 and Width + 1 are the output's left and right
    /// edges and 1 to Width the grid columns (rows likewise).
    /// </summary>
    internal double ExtendedU(int ex, int ey)
    {
        if (ex == 0)
        {
            return 0;
        }

        return ex == Width + 1 ? 1 : AlongColumn(U, ex - 1, ey);
    }

    /// <summary>Returns v at extended grid index (ex, ey); see <see cref="ExtendedU"/>.</summary>
    internal double ExtendedV(int ex, int ey)
    {
        if (ey == 0)
        {
            return 0;
        }

        return ey == Height + 1 ? 1 : AlongRow(V, ex, ey - 1);
    }

    private double Interpolate(bool isU, AxisPosition column, AxisPosition row, out double dColumn, out double dRow)
    {
        var (ex, ey) = (column.Index, row.Index);
        var topLeft = isU ? ExtendedU(ex, ey) : ExtendedV(ex, ey);
        var topRight = isU ? ExtendedU(ex + 1, ey) : ExtendedV(ex + 1, ey);
        var bottomLeft = isU ? ExtendedU(ex, ey + 1) : ExtendedV(ex, ey + 1);
        var bottomRight = isU ? ExtendedU(ex + 1, ey + 1) : ExtendedV(ex + 1, ey + 1);
        var (fx, fy) = (column.Fraction, row.Fraction);
        dColumn = (1 - fy) * (topRight - topLeft) + fy * (bottomRight - bottomLeft);
        dRow = (1 - fx) * (bottomLeft - topLeft) + fx * (bottomRight - topRight);
        var top = topLeft + fx * (topRight - topLeft);
        var bottom = bottomLeft + fx * (bottomRight - bottomLeft);
        return top + fy * (bottom - top);
    }

    /// <summary>Reads grid column <paramref name="column"/> at extended row <paramref name="ey"/>.</summary>
    private double AlongColumn(float[] values, int column, int ey) =>
        values[Math.Clamp(ey - 1, 0, Height - 1) * Width + column];

    /// <summary>Reads grid row <paramref name="row"/> at extended column <paramref name="ex"/>.</summary>
    private double AlongRow(float[] values, int ex, int row) =>
        values[row * Width + Math.Clamp(ex - 1, 0, Width - 1)];

    private static double RequireNumber(double value, string name) =>
        double.IsNaN(value) ? throw new ArgumentException("The position must not be NaN.", name) : value;

    private static void ValidateCoordinates(float[] values, int width, int height, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != checked(width * height))
        {
            throw new ArgumentException(
                $"Coordinate buffer has {values.Length} entries but a {width} x {height} grid needs {width * height}.",
                name);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0f && values[i] <= 1f))
            {
                throw new ArgumentException(
                    $"Grid coordinate {i} is {values[i]}, outside the normalised range [0, 1].", name);
            }
        }
    }
}
