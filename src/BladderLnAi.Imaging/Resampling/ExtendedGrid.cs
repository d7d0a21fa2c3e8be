namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A snapshot of a <see cref="SamplingGrid"/> with the ring of edge points that
/// <see cref="SamplingGrid.Map"/> interpolates towards, as (Width + 2) x (Height + 2) arrays indexed
/// by extended grid index <c>ey * (Width + 2) + ex</c>.
/// </summary>
internal sealed class ExtendedGrid
{
    public ExtendedGrid(SamplingGrid grid)
    {
        var (columns, rows) = (grid.Width + 2, grid.Height + 2);
        Columns = columns;
        U = new float[columns * rows];
        V = new float[U.Length];
        for (var ey = 0; ey < rows; ey++)
        {
            for (var ex = 0; ex < columns; ex++)
            {
                U[ey * columns + ex] = (float)grid.ExtendedU(ex, ey);
                V[ey * columns + ex] = (float)grid.ExtendedV(ex, ey);
            }
        }
    }

    /// <summary>Number of extended points per row, the grid width + 2.</summary>
    public int Columns { get; }

    public float[] U { get; }

    public float[] V { get; }
}
