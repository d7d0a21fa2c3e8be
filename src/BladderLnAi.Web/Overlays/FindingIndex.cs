using BladderLnAi.Analysis.Output;

namespace BladderLnAi.Web.Overlays;

/// <summary>
/// The findings of one analysis with their level-0 bounding boxes, for viewport queries and counts per area.
/// </summary>
/// <remarks>
/// Queries scan the bounding box of every finding. NOTE: this is untested beyond 5,000 findings, and a slide with
/// hundreds of thousands of findings would need a spatial index (a grid or an R-tree) here.
/// </remarks>
public sealed class FindingIndex
{
    private readonly FindingDocument[] _findings;
    private readonly Level0Rectangle[] _bounds;

    public FindingIndex(IEnumerable<FindingDocument> findings)
    {
        // Highest probability first, so that a capped response keeps the most suspicious findings.
        _findings = [.. findings.OrderByDescending(f => f.MaximumProbability).ThenBy(f => f.Id)];
        _bounds = [.. _findings.Select(f => Level0Rectangle.Around(f.Outline))];
    }

    public int Count => _findings.Length;

    /// <summary>Returns the findings whose bounding box meets the rectangle, at most <paramref name="limit"/>.</summary>
    public FindingWindow Query(Level0Rectangle area, int limit)
    {
        var total = 0;
        var selected = new List<FindingDocument>(Math.Min(limit, _findings.Length));
        for (var i = 0; i < _findings.Length; i++)
        {
            if (!_bounds[i].Intersects(area))
            {
                continue;
            }

            total++;
            if (selected.Count < limit)
            {
                selected.Add(_findings[i]);
            }
        }

        return new FindingWindow(total, selected.Count < total, selected);
    }

    /// <summary>
    /// Counts the findings per square cell of a grid that starts at the level-0 origin, over the cells that meet the
    /// rectangle. A finding belongs to the cell that contains its centre, so each finding is counted once.
    /// </summary>
    public IReadOnlyList<FindingCluster> Cluster(Level0Rectangle area, double cellSize)
    {
        var cells = new Dictionary<(long Column, long Row), ClusterBuilder>();
        var firstColumn = (long)Math.Floor(area.X / cellSize);
        var firstRow = (long)Math.Floor(area.Y / cellSize);
        var lastColumn = (long)Math.Floor(area.Right / cellSize);
        var lastRow = (long)Math.Floor(area.Bottom / cellSize);
        foreach (var finding in _findings)
        {
            var column = (long)Math.Floor(finding.CentreX / cellSize);
            var row = (long)Math.Floor(finding.CentreY / cellSize);
            if (column < firstColumn || column > lastColumn || row < firstRow || row > lastRow)
            {
                continue;
            }

            if (!cells.TryGetValue((column, row), out var cell))
            {
                cell = new ClusterBuilder(column * cellSize, row * cellSize);
                cells[(column, row)] = cell;
            }

            cell.Add(finding);
        }

        return [.. cells.Values.Select(cell => cell.Build(cellSize)).OrderBy(c => c.Y).ThenBy(c => c.X)];
    }

    private sealed class ClusterBuilder(double x, double y)
    {
        private int _count;
        private float _maximum;
        private double _sumX;
        private double _sumY;

        public void Add(FindingDocument finding)
        {
            _count++;
            _maximum = Math.Max(_maximum, finding.MaximumProbability);
            _sumX += finding.CentreX;
            _sumY += finding.CentreY;
        }

        public FindingCluster Build(double size) =>
            new(x, y, size, size, _count, _sumX / _count, _sumY / _count, _maximum);
    }
}

/// <summary>A level-0 rectangle in pixels.</summary>
public readonly record struct Level0Rectangle(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>Returns true when the two rectangles share area or touch.</summary>
    public bool Intersects(Level0Rectangle other) =>
        X <= other.Right && other.X <= Right && Y <= other.Bottom && other.Y <= Bottom;

    public static Level0Rectangle Around(IReadOnlyList<double[]> outline)
    {
        if (outline.Count == 0)
        {
            return new Level0Rectangle(double.NaN, double.NaN, 0, 0);
        }

        var minX = outline.Min(p => p[0]);
        var minY = outline.Min(p => p[1]);
        return new Level0Rectangle(minX, minY, outline.Max(p => p[0]) - minX, outline.Max(p => p[1]) - minY);
    }
}

/// <summary>The findings in a viewport: how many there are, and the first of them by probability.</summary>
/// <param name="Total">Findings whose bounding box meets the viewport.</param>
/// <param name="Truncated">True when <paramref name="Findings"/> contains fewer than <paramref name="Total"/>.</param>
public sealed record FindingWindow(int Total, bool Truncated, IReadOnlyList<FindingDocument> Findings);

/// <summary>One grid cell of findings: its level-0 bounds, the count, the mean centre and the highest probability.</summary>
public sealed record FindingCluster(
    double X,
    double Y,
    double Width,
    double Height,
    int Count,
    double CentreX,
    double CentreY,
    float MaximumProbability);
