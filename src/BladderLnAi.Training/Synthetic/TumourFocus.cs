using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Training.Annotations;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// One tumour deposit: a sheet of tumour cytoplasm inside a star-shaped polygon, filled with tumour cells on a
/// jittered lattice. A cell is drawn only when its whole nucleus outline lies inside the polygon, so the polygon is
/// the outline of the drawn focus.
/// </summary>
internal sealed class TumourFocus
{
    // Sample points on a nucleus outline that must lie inside the polygon. Between two of the 16 points the
    // outline can bulge out by under 2% of the nucleus radius, about 0.15 um.
    private const int OutlineChecks = 16;

    private readonly double _cos;
    private readonly double _sin;
    private readonly double _scaleU;
    private readonly double _scaleV;
    private readonly double[] _unitX;
    private readonly double[] _unitY;
    private readonly double _angleStep;
    private readonly TumourCellStyle _cells;
    private readonly List<TumourCell> _fallbackCells = [];

    /// <param name="unitRadii">Radius of each vertex at equally spaced angles in the focus frame, about 1.</param>
    /// <param name="scaleU">Pixels per unit along the focus's long axis.</param>
    /// <param name="scaleV">Pixels per unit across it.</param>
    public TumourFocus(
        int index,
        double centreX,
        double centreY,
        double angle,
        double scaleU,
        double scaleV,
        double[] unitRadii,
        TumourCellStyle cells,
        double micronsPerPixel)
    {
        Index = index;
        CentreX = centreX;
        CentreY = centreY;
        _cos = Math.Cos(angle);
        _sin = Math.Sin(angle);
        _scaleU = scaleU;
        _scaleV = scaleV;
        _cells = cells;
        MicronsPerPixel = micronsPerPixel;
        _angleStep = 2 * Math.PI / unitRadii.Length;
        _unitX = new double[unitRadii.Length];
        _unitY = new double[unitRadii.Length];
        var outline = new PointD[unitRadii.Length];
        for (var k = 0; k < unitRadii.Length; k++)
        {
            _unitX[k] = unitRadii[k] * Math.Cos(k * _angleStep);
            _unitY[k] = unitRadii[k] * Math.Sin(k * _angleStep);
            outline[k] = ToSlide(_unitX[k], _unitY[k]);
        }

        Outline = outline;
        Edges = new PolygonEdges([outline]);
        MinX = outline.Min(p => p.X);
        MaxX = outline.Max(p => p.X);
        MinY = outline.Min(p => p.Y);
        MaxY = outline.Max(p => p.Y);
        GreatestDimensionPixels = PolygonGeometry.MaxFeretDiameter(outline);
    }

    public int Index { get; }

    public double CentreX { get; }

    public double CentreY { get; }

    public double MicronsPerPixel { get; }

    /// <summary>Polygon in level-0 pixels, closed implicitly, its vertices in order of angle around the centre.</summary>
    public IReadOnlyList<PointD> Outline { get; }

    public PolygonEdges Edges { get; }

    public double MinX { get; }

    public double MaxX { get; }

    public double MinY { get; }

    public double MaxY { get; }

    /// <summary>
    /// Maximum Feret diameter of the drawn focus in level-0 pixels. The drawn cytoplasm fills the polygon and every
    /// nucleus lies inside it, so this is the polygon's Feret diameter.
    /// </summary>
    public double GreatestDimensionPixels { get; }

    public double GreatestDimensionMicrons => GreatestDimensionPixels * MicronsPerPixel;

    public SizeClass SizeClass => SizeClassification.Classify(GreatestDimensionMicrons);

    /// <summary>Largest distance of a nucleus outline from its centre, in pixels, for finding the cells near a tile.</summary>
    public double MaxCellReach => _cells.MaxNucleusReach;

    public float CytoplasmEosin => _cells.CytoplasmEosin;

    /// <summary>Number of drawn tumour cells, set by <see cref="CountCells"/>.</summary>
    public int CellCount { get; private set; }

    /// <summary>Returns whether a point in level-0 pixels lies inside the polygon.</summary>
    public bool Contains(double x, double y)
    {
        var dx = x - CentreX;
        var dy = y - CentreY;
        var u = (dx * _cos + dy * _sin) / _scaleU;
        var v = (-dx * _sin + dy * _cos) / _scaleV;
        var angle = Math.Atan2(v, u);
        if (angle < 0)
        {
            angle += 2 * Math.PI;
        }

        // The point's angle picks the one edge that the ray from the centre crosses. The point is inside when it lies
        // on the same side of that edge as the centre.
        var k = Math.Min((int)(angle / _angleStep), _unitX.Length - 1);
        var next = (k + 1) % _unitX.Length;
        var edgeX = _unitX[next] - _unitX[k];
        var edgeY = _unitY[next] - _unitY[k];
        return edgeX * (v - _unitY[k]) - edgeY * (u - _unitX[k]) >= 0;
    }

    /// <summary>Returns whether a point lies inside the polygon or within <paramref name="margin"/> pixels of it (tested at 8 offsets).</summary>
    public bool IsNear(double x, double y, double margin)
    {
        if (x < MinX - margin || x > MaxX + margin || y < MinY - margin || y > MaxY + margin)
        {
            return false;
        }

        if (Contains(x, y))
        {
            return true;
        }

        for (var k = 0; k < 8; k++)
        {
            var angle = k * Math.PI / 4;
            if (Contains(x + margin * Math.Cos(angle), y + margin * Math.Sin(angle)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts the drawn cells, and adds one central cell, shrunk to fit, to a focus too small for the lattice.</summary>
    public void CountCells()
    {
        var count = 0;
        foreach (var _ in CellsIn(MinX, MinY, MaxX, MaxY))
        {
            count++;
        }

        if (count == 0 && _cells.CreateFallbackCell(this) is { } cell)
        {
            _fallbackCells.Add(cell);
            count = 1;
        }

        CellCount = count;
    }

    /// <summary>Enumerates the drawn cells whose lattice position lies in a level-0 rectangle (bounds inclusive).</summary>
    public IEnumerable<TumourCell> CellsIn(double minX, double minY, double maxX, double maxY)
    {
        minX = Math.Max(minX, MinX);
        minY = Math.Max(minY, MinY);
        maxX = Math.Min(maxX, MaxX);
        maxY = Math.Min(maxY, MaxY);
        if (minX > maxX || minY > maxY)
        {
            yield break;
        }

        // Jitter moves a cell at most 0.25 spacing from its lattice point, so one lattice step more covers the rectangle.
        var spacing = _cells.Spacing;
        var firstColumn = (long)Math.Floor((minX - CentreX) / spacing) - 1;
        var endColumn = (long)Math.Floor((maxX - CentreX) / spacing) + 1;
        var firstRow = (long)Math.Floor((minY - CentreY) / spacing) - 1;
        var endRow = (long)Math.Floor((maxY - CentreY) / spacing) + 1;
        for (var row = firstRow; row <= endRow; row++)
        {
            for (var column = firstColumn; column <= endColumn; column++)
            {
                var cell = _cells.CreateCell(this, column, row);
                if (cell.Nucleus.X >= minX && cell.Nucleus.X <= maxX && cell.Nucleus.Y >= minY && cell.Nucleus.Y <= maxY
                    && FitsInside(cell.Nucleus))
                {
                    yield return cell;
                }
            }
        }

        foreach (var cell in _fallbackCells)
        {
            yield return cell;
        }
    }

    /// <summary>Returns whether the nucleus centre and its outline, at <see cref="OutlineChecks"/> points, lie inside the polygon.</summary>
    public bool FitsInside(in Nucleus nucleus)
    {
        if (!Contains(nucleus.X, nucleus.Y))
        {
            return false;
        }

        for (var k = 0; k < OutlineChecks; k++)
        {
            var (x, y) = nucleus.OutlinePoint(2 * Math.PI * k / OutlineChecks);
            if (!Contains(x, y))
            {
                return false;
            }
        }

        return true;
    }

    private PointD ToSlide(double u, double v)
    {
        var along = u * _scaleU;
        var across = v * _scaleV;
        return new PointD(CentreX + along * _cos - across * _sin, CentreY + along * _sin + across * _cos);
    }
}

/// <summary>A tumour cell: its nucleus (hematoxylin) and cell body (eosin).</summary>
internal readonly record struct TumourCell(Nucleus Nucleus, Nucleus Body);
