namespace BladderLnAi.Training.Synthetic;

/// <summary>One row of tiles of a pyramid level, as 8-bit RGB, while it is filled and written.</summary>
internal sealed class LevelBand
{
    private const int TileSize = SyntheticSlidePlan.TileSize;

    private readonly byte[] _pixels;
    private readonly int _stride;
    private bool _upperHalfFilled;

    public LevelBand(int image, int width, int height)
    {
        Image = image;
        Width = width;
        Height = height;
        TilesAcross = (width + TileSize - 1) / TileSize;
        TilesDown = (height + TileSize - 1) / TileSize;
        _stride = TilesAcross * TileSize * 3;
        _pixels = new byte[_stride * TileSize];
    }

    /// <summary>Index of the level's image in the TIFF file.</summary>
    public int Image { get; }

    public int Width { get; }

    public int Height { get; }

    public int TilesAcross { get; }

    public int TilesDown { get; }

    /// <summary>Tile row of the level that the band contains now.</summary>
    public int BandRow { get; private set; }

    /// <summary>Whether the upper half of the band contains pixels that are not written yet.</summary>
    public bool HasPendingRows => _upperHalfFilled;

    /// <summary>Copies a drawn tile into the band.</summary>
    public void StoreTile(int column, byte[] tile)
    {
        var rowBytes = TileSize * 3;
        for (var y = 0; y < TileSize; y++)
        {
            tile.AsSpan(y * rowBytes, rowBytes).CopyTo(_pixels.AsSpan(y * _stride + column * rowBytes, rowBytes));
        }
    }

    /// <summary>Copies one tile of the band into a contiguous buffer.</summary>
    public void CopyTile(int column, byte[] tile)
    {
        var rowBytes = TileSize * 3;
        for (var y = 0; y < TileSize; y++)
        {
            _pixels.AsSpan(y * _stride + column * rowBytes, rowBytes).CopyTo(tile.AsSpan(y * rowBytes, rowBytes));
        }
    }

    /// <summary>
    /// Fills the upper or lower half of this band (by the parity of <paramref name="sourceRow"/>) with the 2 x 2 mean of
    /// one band of the level above. Source columns past the source band repeat its last column. That is harmless
    /// because they lie beyond the image, where readers clip the tiles.
    /// </summary>
    public void AddHalfBand(LevelBand source, int sourceRow, ParallelOptions parallel)
    {
        BandRow = sourceRow / 2;
        var half = sourceRow % 2;
        var sourcePixels = source._pixels;
        var sourceWidth = source._stride / 3;
        var width = _stride / 3;
        Parallel.For(0, TileSize / 2, parallel, y =>
        {
            var top = 2 * y * source._stride;
            var bottom = top + source._stride;
            var destination = (half * TileSize / 2 + y) * _stride;
            for (var x = 0; x < width; x++)
            {
                var left = Math.Min(2 * x, sourceWidth - 1) * 3;
                var right = Math.Min(2 * x + 1, sourceWidth - 1) * 3;
                for (var channel = 0; channel < 3; channel++)
                {
                    var sum = sourcePixels[top + left + channel] + sourcePixels[top + right + channel]
                        + sourcePixels[bottom + left + channel] + sourcePixels[bottom + right + channel];
                    _pixels[destination + x * 3 + channel] = (byte)((sum + 2) >> 2);
                }
            }
        });
        _upperHalfFilled = half == 0;
    }

    /// <summary>Fills the lower half with white, for a last band that has no second source band.</summary>
    public void FillRemainderWithWhite() => _pixels.AsSpan(_stride * TileSize / 2).Fill(255);

    public void MarkEmitted() => _upperHalfFilled = false;
}
