using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Annotations;

/// <summary>
/// The non-horizontal edges of one or more rings, for scanline filling with pixel-centre sampling.
/// </summary>
internal sealed class PolygonEdges
{
    // Sorted by their top, so that the edges that reach a row are a prefix of the array.
    private readonly Edge[] _edges;

    public PolygonEdges(IEnumerable<IReadOnlyList<PointD>> rings)
    {
        var edges = new List<Edge>();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Count; i++)
            {
                var start = ring[i];
                var end = ring[(i + 1) % ring.Count];
                if (start.Y != end.Y)
                {
                    edges.Add(new Edge(start, end));
                }
            }
        }

        _edges = [.. edges.OrderBy(edge => edge.MinY)];
    }

    private PolygonEdges(Edge[] sortedEdges) => _edges = sortedEdges;

    /// <summary>Returns the edges that cross some horizontal line with <paramref name="top"/> &lt;= y &lt; <paramref name="bottom"/>.</summary>
    public PolygonEdges Subset(double top, double bottom)
    {
        var subset = new List<Edge>();
        foreach (var edge in _edges)
        {
            if (edge.MinY >= bottom)
            {
                break;
            }

            if (edge.MaxY > top)
            {
                subset.Add(edge);
            }
        }

        return new PolygonEdges([.. subset]);
    }

    /// <summary>
    /// Sets the pixels of one row whose centres lie inside the rings by the even-odd rule. Pixel <c>i</c> of
    /// <paramref name="row"/> has its centre at <c>originX + (i + 0.5) * scale</c>, and the row lies at
    /// <paramref name="y"/>.
    /// </summary>
    /// <param name="crossings">Scratch list, cleared here.</param>
    public void FillRow(double y, double originX, double scale, Span<byte> row, byte value, List<double> crossings)
    {
        crossings.Clear();
        foreach (var edge in _edges)
        {
            if (edge.MinY > y)
            {
                break;
            }

            // Half-open in y, so a vertex shared by two edges counts once.
            if (y < edge.MaxY)
            {
                crossings.Add(edge.CrossingX(y));
            }
        }

        crossings.Sort();
        for (var i = 0; i + 1 < crossings.Count; i += 2)
        {
            var first = Math.Ceiling((crossings[i] - originX) / scale - 0.5);
            var end = Math.Ceiling((crossings[i + 1] - originX) / scale - 0.5);
            first = Math.Max(first, 0);
            end = Math.Min(end, row.Length);
            if (first < end)
            {
                row[(int)first..(int)end].Fill(value);
            }
        }
    }

    private readonly struct Edge
    {
        private readonly double _x0;
        private readonly double _y0;
        private readonly double _slope;

        public Edge(PointD start, PointD end)
        {
            _x0 = start.X;
            _y0 = start.Y;
            _slope = (end.X - start.X) / (end.Y - start.Y);
            MinY = Math.Min(start.Y, end.Y);
            MaxY = Math.Max(start.Y, end.Y);
        }

        public double MinY { get; }

        public double MaxY { get; }

        public double CrossingX(double y) => _x0 + (y - _y0) * _slope;
    }
}
