namespace BladderLnAi.Slides;

/// <summary>
/// One Deep Zoom tile: its place in the Deep Zoom level, including overlap, and the slide area it shows.
/// </summary>
/// <param name="Level">Deep Zoom level index, where the highest index is full resolution.</param>
/// <param name="Column">Tile column, 0 at the left.</param>
/// <param name="Row">Tile row, 0 at the top.</param>
/// <param name="X">Left edge in pixels of the Deep Zoom level, overlap included.</param>
/// <param name="Y">Top edge in pixels of the Deep Zoom level, overlap included.</param>
/// <param name="Width">Width in pixels of the Deep Zoom level, overlap included. Edge tiles are smaller.</param>
/// <param name="Height">Height in pixels of the Deep Zoom level, overlap included. Edge tiles are smaller.</param>
/// <param name="Level0X">Left edge in level-0 slide pixels.</param>
/// <param name="Level0Y">Top edge in level-0 slide pixels.</param>
/// <param name="Level0Width">Width in level-0 slide pixels, cut at the slide's right edge.</param>
/// <param name="Level0Height">Height in level-0 slide pixels, cut at the slide's bottom edge.</param>
public readonly record struct DeepZoomTile(
    int Level,
    int Column,
    int Row,
    long X,
    long Y,
    int Width,
    int Height,
    double Level0X,
    double Level0Y,
    double Level0Width,
    double Level0Height);
