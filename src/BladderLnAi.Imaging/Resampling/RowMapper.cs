namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Maps one row of output positions through a <see cref="SamplingGrid"/> at a time, with the same
/// interpolation as <see cref="SamplingGrid.Map"/> in single precision. The grid row is interpolated
/// once per row, so each position then costs two linear interpolations. One instance serves one thread.
/// </summary>
internal sealed class RowMapper
{
    private readonly ExtendedGrid grid;
    private readonly int[] columnIndex;
    private readonly float[] columnFraction;
    private readonly float[] rowU;
    private readonly float[] rowV;

    public RowMapper(ExtendedGrid grid, AxisPosition[] columns)
    {
        this.grid = grid;
        columnIndex = columns.Select(c => c.Index).ToArray();
        columnFraction = columns.Select(c => (float)c.Fraction).ToArray();
        rowU = new float[grid.Columns];
        rowV = new float[grid.Columns];
        U = new float[columns.Length];
        V = new float[columns.Length];
    }

    /// <summary>Normalised source x of each column after the latest <see cref="MapRow"/>.</summary>
    public float[] U { get; }

    /// <summary>Normalised source y of each column after the latest <see cref="MapRow"/>.</summary>
    public float[] V { get; }

    public void MapRow(AxisPosition row)
    {
        var fy = (float)row.Fraction;
        var top = row.Index * rowU.Length;
        var bottom = top + rowU.Length;
        for (var ex = 0; ex < rowU.Length; ex++)
        {
            rowU[ex] = grid.U[top + ex] + fy * (grid.U[bottom + ex] - grid.U[top + ex]);
            rowV[ex] = grid.V[top + ex] + fy * (grid.V[bottom + ex] - grid.V[top + ex]);
        }

        InterpolateColumns();
    }

    private unsafe void InterpolateColumns()
    {
        fixed (float* u = rowU, v = rowV)
        {
            // Safety: GridAxis.Locate returns indices 0 to grid width, so ex + 1 is at most the last
            // extended column.
            for (var c = 0; c < U.Length; c++)
            {
                var (ex, fx) = (columnIndex[c], columnFraction[c]);
                U[c] = u[ex] + fx * (u[ex + 1] - u[ex]);
                V[c] = v[ex] + fx * (v[ex + 1] - v[ex]);
            }
        }
    }
}
