namespace BladderLnAi.Slides;

/// <summary>
/// Deep Zoom tile settings for the slide viewer.
/// </summary>
public sealed record DeepZoomOptions
{
    /// <summary>Largest accepted <see cref="TileSize"/> in pixels.</summary>
    public const int MaxTileSize = 4096;

    private readonly int _tileSize = 254;
    private readonly int _overlap = 1;
    private readonly int _jpegQuality = 75;
    private readonly int _overviewCacheMegabytes = 64;

    /// <summary>
    /// Tile edge in pixels without overlap, 1 to 4096. Defaults to 254, so that a tile with overlap on both
    /// sides is 256 pixels.
    /// </summary>
    public int TileSize
    {
        get => _tileSize;
        init => _tileSize = RequireInRange(value, 1, MaxTileSize, nameof(TileSize));
    }

    /// <summary>
    /// Pixels each tile shares with its neighbour on every side that has one, 0 to half of <see cref="TileSize"/>.
    /// Defaults to 1.
    /// </summary>
    public int Overlap
    {
        get => _overlap;
        init => _overlap = RequireInRange(value, 0, MaxTileSize / 2, nameof(Overlap));
    }

    /// <summary>JPEG quality of rendered tiles, 1 to 100. Defaults to 75.</summary>
    public int JpegQuality
    {
        get => _jpegQuality;
        init => _jpegQuality = RequireInRange(value, 1, 100, nameof(JpegQuality));
    }

    /// <summary>
    /// Memory for the overviews of slides without low-resolution levels, 1 to 4096 megabytes. Defaults to 64, enough
    /// for five of the largest overviews (4 megapixels each).
    /// </summary>
    public int OverviewCacheMegabytes
    {
        get => _overviewCacheMegabytes;
        init => _overviewCacheMegabytes = RequireInRange(value, 1, 4096, nameof(OverviewCacheMegabytes));
    }

    /// <summary>
    /// Checks the rule between properties that a single setter cannot: <see cref="Overlap"/> is at most half of
    /// <see cref="TileSize"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is larger than half the tile size.</exception>
    public void Validate()
    {
        if (Overlap > TileSize / 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Overlap),
                Overlap,
                $"Deep Zoom overlap {Overlap} is over half the tile size {TileSize}. Use at most {TileSize / 2}.");
        }
    }

    private static int RequireInRange(int value, int minimum, int maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                $"Deep Zoom {name} must be between {minimum} and {maximum}, but it is {value}.");
        }

        return value;
    }
}
