namespace BladderLnAi.Slides;

/// <summary>
/// Deep Zoom pyramid geometry for an image of a given size: levels, tile grid, tile bounds and the matching
/// level-0 slide area. Pure arithmetic, so it needs no open slide.
/// </summary>
/// <remarks>
/// This follows the Deep Zoom (DZI) convention: the highest level is the full image, each lower level halves
/// width and height rounding up, and level 0 is 1 x 1. A tile shares <see cref="Overlap"/> pixels with each
/// neighbour, so it has overlap only on sides that have a neighbour, and tiles in the last column or row are smaller.
/// </remarks>
public sealed class DeepZoomLayout
{
    private readonly (long Width, long Height)[] _levelSizes;

    /// <summary>Creates the layout of a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    /// <param name="width">Width of the full-resolution image (slide level 0) in pixels.</param>
    /// <param name="height">Height of the full-resolution image (slide level 0) in pixels.</param>
    /// <param name="tileSize">Tile edge in pixels without overlap.</param>
    /// <param name="overlap">Pixels shared with each neighbouring tile, 0 to <paramref name="tileSize"/>.</param>
    public DeepZoomLayout(long width, long height, int tileSize, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileSize);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlap, tileSize);

        Width = width;
        Height = height;
        TileSize = tileSize;
        Overlap = overlap;
        _levelSizes = ComputeLevelSizes(width, height);
    }

    /// <summary>Width of the full-resolution image in pixels.</summary>
    public long Width { get; }

    /// <summary>Height of the full-resolution image in pixels.</summary>
    public long Height { get; }

    /// <summary>Tile edge in pixels without overlap.</summary>
    public int TileSize { get; }

    /// <summary>Pixels shared with each neighbouring tile.</summary>
    public int Overlap { get; }

    /// <summary>Number of Deep Zoom levels. Level <c>LevelCount - 1</c> is full resolution and level 0 is 1 x 1.</summary>
    public int LevelCount => _levelSizes.Length;

    /// <summary>Returns the size in pixels of a Deep Zoom level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0 to <c>LevelCount - 1</c>.</exception>
    public (long Width, long Height) GetLevelSize(int level)
    {
        RequireLevel(level);
        return _levelSizes[level];
    }

    /// <summary>Returns the number of tile columns and rows of a Deep Zoom level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0 to <c>LevelCount - 1</c>.</exception>
    public (int Columns, int Rows) GetTileCount(int level)
    {
        var (width, height) = GetLevelSize(level);
        return (checked((int)CeilingDivide(width, TileSize)), checked((int)CeilingDivide(height, TileSize)));
    }

    /// <summary>
    /// Returns level-0 pixels per pixel of a Deep Zoom level: 2 to the power of the levels between it and
    /// full resolution.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0 to <c>LevelCount - 1</c>.</exception>
    public double GetDownsample(int level)
    {
        RequireLevel(level);
        return Math.ScaleB(1.0, LevelCount - 1 - level);
    }

    /// <summary>
    /// Computes the bounds of one tile, or returns false when the level, column or row is outside the pyramid.
    /// </summary>
    public bool TryGetTile(int level, int column, int row, out DeepZoomTile tile)
    {
        tile = default;
        if (level < 0 || level >= LevelCount)
        {
            return false;
        }

        var (columns, rows) = GetTileCount(level);
        if (column < 0 || column >= columns || row < 0 || row >= rows)
        {
            return false;
        }

        var (levelWidth, levelHeight) = _levelSizes[level];
        var (x, width) = GetTileSpan(column, columns, levelWidth);
        var (y, height) = GetTileSpan(row, rows, levelHeight);

        var downsample = GetDownsample(level);
        var level0X = x * downsample;
        var level0Y = y * downsample;

        // Rounding level sizes up makes the last pixel of a lower level reach past the slide edge, so cut it there.
        var level0Width = Math.Min(width * downsample, Width - level0X);
        var level0Height = Math.Min(height * downsample, Height - level0Y);

        tile = new DeepZoomTile(level, column, row, x, y, width, height, level0X, level0Y, level0Width, level0Height);
        return true;
    }

    /// <summary>Returns the start and length along one axis of a tile, overlap included.</summary>
    private (long Start, int Length) GetTileSpan(int index, int count, long levelLength)
    {
        var start = (long)index * TileSize;
        var end = Math.Min(start + TileSize, levelLength);
        if (index > 0)
        {
            start = Math.Max(0, start - Overlap);
        }

        if (index < count - 1)
        {
            end = Math.Min(levelLength, end + Overlap);
        }

        return (start, checked((int)(end - start)));
    }

    private void RequireLevel(int level)
    {
        if (level < 0 || level >= LevelCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(level),
                level,
                $"Deep Zoom level {level} does not exist. This pyramid has levels 0 to {LevelCount - 1}.");
        }
    }

    private static (long Width, long Height)[] ComputeLevelSizes(long width, long height)
    {
        var sizes = new List<(long Width, long Height)> { (width, height) };
        while (width > 1 || height > 1)
        {
            width = CeilingDivide(width, 2);
            height = CeilingDivide(height, 2);
            sizes.Add((width, height));
        }

        sizes.Reverse();
        return [.. sizes];
    }

    private static long CeilingDivide(long value, long divisor) => (value + divisor - 1) / divisor;
}
