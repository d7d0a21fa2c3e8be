namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Lymphoid follicles of the outer cortex: round germinal centres inside a ring of mantle lymphocytes. There is at most
/// one per cell of a square lattice whose spacing exceeds the follicle diameter, so a point needs to check only the
/// 3 x 3 cells around it.
/// </summary>
internal sealed class FollicleGrid
{
    private readonly double _spacing;
    private readonly long _firstColumn;
    private readonly long _firstRow;
    private readonly int _columns;
    private readonly int _rows;
    private readonly Follicle?[] _cells;

    private FollicleGrid(double spacing, long firstColumn, long firstRow, int columns, int rows)
    {
        _spacing = spacing;
        _firstColumn = firstColumn;
        _firstRow = firstRow;
        _columns = columns;
        _rows = rows;
        _cells = new Follicle?[columns * rows];
    }

    public static FollicleGrid Create(int seed, LymphNodeLayout layout, SplitMixRandom random, double micronsPerPixel)
    {
        var pixelsPerMicron = 1.0 / micronsPerPixel;
        var spacing = random.Uniform(220, 380) * pixelsPerMicron;
        var minorMicrons = layout.SemiMinor * micronsPerPixel;
        var meanRadius = random.Uniform(55, 100) * Math.Clamp(minorMicrons / 500, 0.6, 1.2) * pixelsPerMicron;
        var reach = layout.SemiMajor * 1.3;
        var firstColumn = (long)Math.Floor((layout.CentreX - reach) / spacing);
        var firstRow = (long)Math.Floor((layout.CentreY - reach) / spacing);
        var count = (int)Math.Ceiling(2 * reach / spacing) + 1;
        var grid = new FollicleGrid(spacing, firstColumn, firstRow, count, count);

        var key = Hashing.StreamKey(seed, SeedStream.Follicles);
        var outerDepth = layout.CapsuleMicrons + layout.SubcapsularSinusMicrons;
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < count; column++)
            {
                var cell = new SplitMixRandom(Hashing.Hash(key, firstColumn + column, firstRow + row));
                if (cell.NextDouble() > 0.6)
                {
                    continue;
                }

                // Kept within its cell so that the 3 x 3 neighbourhood finds it.
                var radius = meanRadius * cell.Uniform(0.7, 1.2);
                var x = (firstColumn + column + cell.Uniform(0.15, 0.85)) * spacing;
                var y = (firstRow + row + cell.Uniform(0.15, 0.85)) * spacing;
                var radiusMicrons = radius * micronsPerPixel;
                var depth = layout.NodeDepthMicrons(x, y);
                if (depth > outerDepth + 0.8 * radiusMicrons && depth < layout.CortexMicrons + 0.2 * radiusMicrons)
                {
                    grid._cells[row * count + column] = new Follicle(x, y, Math.Min(radius, 0.45 * spacing));
                }
            }
        }

        return grid;
    }

    /// <summary>Returns the germinal-centre and mantle weights at a point, each 0 to 1.</summary>
    public (double Germinal, double Mantle) Sample(double x, double y)
    {
        var column = (long)Math.Floor(x / _spacing) - _firstColumn;
        var row = (long)Math.Floor(y / _spacing) - _firstRow;
        var (germinal, mantle) = (0.0, 0.0);
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var (c, r) = (column + dx, row + dy);
                if (c < 0 || r < 0 || c >= _columns || r >= _rows || _cells[r * _columns + c] is not { } follicle)
                {
                    continue;
                }

                var distance = Math.Sqrt((x - follicle.X) * (x - follicle.X) + (y - follicle.Y) * (y - follicle.Y));
                var centre = 1.0 - LymphNodeLayout.Smoothstep(0.55 * follicle.Radius, 0.7 * follicle.Radius, distance);
                var whole = 1.0 - LymphNodeLayout.Smoothstep(0.92 * follicle.Radius, 1.05 * follicle.Radius, distance);
                germinal = Math.Max(germinal, centre);
                mantle = Math.Max(mantle, whole - centre);
            }
        }

        return (germinal, mantle);
    }

    private readonly record struct Follicle(double X, double Y, double Radius);
}
