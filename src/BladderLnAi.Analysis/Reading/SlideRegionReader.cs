using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;

namespace BladderLnAi.Analysis.Reading;

/// <summary>
/// Reads any level-0 rectangle of a slide at any output size, from the OpenSlide level that fits best,
/// in bounded tiles so that memory stays small however large the rectangle is.
/// </summary>
public static class SlideRegionReader
{
    /// <summary>Side of one output tile in pixels; each read from OpenSlide covers at most one such tile.</summary>
    private const int OutputTileSide = 512;

    /// <summary>
    /// Reads the level-0 rectangle (<paramref name="x"/>, <paramref name="y"/>, <paramref name="width"/>,
    /// <paramref name="height"/>) scaled to <paramref name="outputWidth"/> x <paramref name="outputHeight"/>.
    /// Areas outside the slide are white.
    /// </summary>
    public static RgbImage ReadScaled(
        WholeSlideImage slide,
        double x,
        double y,
        double width,
        double height,
        int outputWidth,
        int outputHeight)
    {
        var scaleX = width / outputWidth;
        var scaleY = height / outputHeight;
        var level = slide.GetBestLevelForDownsample(Math.Min(scaleX, scaleY));
        var output = new RgbImage(outputWidth, outputHeight);
        for (var tileY = 0; tileY < outputHeight; tileY += OutputTileSide)
        {
            for (var tileX = 0; tileX < outputWidth; tileX += OutputTileSide)
            {
                var tileWidth = Math.Min(OutputTileSide, outputWidth - tileX);
                var tileHeight = Math.Min(OutputTileSide, outputHeight - tileY);
                var tile = ReadTile(
                    slide,
                    level,
                    x + tileX * scaleX,
                    y + tileY * scaleY,
                    tileWidth * scaleX,
                    tileHeight * scaleY);
                Paste(tile.Resize(tileWidth, tileHeight), output, tileX, tileY);
            }
        }

        return output;
    }

    private static RgbImage ReadTile(WholeSlideImage slide, int level, double x, double y, double width, double height)
    {
        var downsample = slide.Levels[level].Downsample;
        var levelWidth = Math.Max(1, (int)Math.Ceiling(width / downsample));
        var levelHeight = Math.Max(1, (int)Math.Ceiling(height / downsample));
        return slide.ReadRegion((long)Math.Round(x), (long)Math.Round(y), level, levelWidth, levelHeight);
    }

    private static void Paste(RgbImage tile, RgbImage output, int left, int top)
    {
        for (var row = 0; row < tile.Height; row++)
        {
            tile.Row(row).CopyTo(output.Row(top + row).Slice(left * 3));
        }
    }
}
