using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A mesh vertex in target pixel coordinates (pixel x centred at X = x), also snapped to fixed point
/// for <see cref="TriangleRasterizer"/>, with its composite value.
/// </summary>
internal readonly record struct MeshVertex(double X, double Y, FixedPoint Snapped, float Value);

/// <summary>
/// The composite's pixel centres plus a ring on its outer edge, mapped into target pixel coordinates.
/// Vertex (k, l) sits at composite position k - 0.5 (clamped to the edge) and carries the value of
/// the nearest composite pixel.
/// </summary>
internal sealed class WarpedMesh
{
    private readonly FloatMap composite;
    private readonly float[] x;
    private readonly float[] y;
    private readonly FixedPoint[] snapped;

    private WarpedMesh(FloatMap composite, float[] x, float[] y)
    {
        this.composite = composite;
        this.x = x;
        this.y = y;
        snapped = new FixedPoint[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            snapped[i] = FixedPoint.Snap(x[i], y[i]);
        }
    }

    public int Columns => composite.Width + 2;

    public int Rows => composite.Height + 2;

    public static WarpedMesh Create(FloatMap composite, SamplingGrid grid, int targetWidth, int targetHeight)
    {
        var (columns, rows) = (composite.Width + 2, composite.Height + 2);
        var x = new float[columns * rows];
        var y = new float[x.Length];
        var columnPositions = GridAxis.LocateMeshVertices(composite.Width, grid.Width);
        var rowPositions = GridAxis.LocateMeshVertices(composite.Height, grid.Height);
        var extended = new ExtendedGrid(grid);
        Parallel.For(
            0,
            rows,
            () => new RowMapper(extended, columnPositions),
            (row, _, mapper) =>
            {
                mapper.MapRow(rowPositions[row]);
                for (var column = 0; column < columns; column++)
                {
                    x[row * columns + column] = mapper.U[column] * targetWidth - 0.5f;
                    y[row * columns + column] = mapper.V[column] * targetHeight - 0.5f;
                }

                return mapper;
            },
            _ => { });
        return new WarpedMesh(composite, x, y);
    }

    public MeshVertex Vertex(int column, int row)
    {
        var index = row * Columns + column;
        var value = composite[
            Math.Clamp(column - 1, 0, composite.Width - 1),
            Math.Clamp(row - 1, 0, composite.Height - 1)];
        return new MeshVertex(x[index], y[index], snapped[index], value);
    }

    /// <summary>
    /// Returns whether any cell triangle, as split by the inverse mapping, is inverted. Triangles of an
    /// unfolded mesh keep the orientation of the composite grid, which is positive for
    /// <see cref="FixedPoint.Cross"/>; triangles squeezed to zero area are not folds.
    /// </summary>
    public bool HasFoldedTriangle()
    {
        for (var row = 0; row < Rows - 1; row++)
        {
            for (var column = 0; column < Columns - 1; column++)
            {
                var topLeft = snapped[row * Columns + column];
                var topRight = snapped[row * Columns + column + 1];
                var bottomLeft = snapped[(row + 1) * Columns + column];
                var bottomRight = snapped[(row + 1) * Columns + column + 1];
                if (FixedPoint.Cross(topLeft, topRight, bottomRight) < 0
                    || FixedPoint.Cross(topLeft, bottomRight, bottomLeft) < 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Area of mesh cell (k, l) in composite pixels: 1 inside, 1/2 on the edge ring, 1/4 in its corners.
    /// </summary>
    public double CellArea(int column, int row) => CellSpan(column, composite.Width) * CellSpan(row, composite.Height);

    private static double CellSpan(int cell, int pixels) => cell == 0 || cell == pixels ? 0.5 : 1;
}
