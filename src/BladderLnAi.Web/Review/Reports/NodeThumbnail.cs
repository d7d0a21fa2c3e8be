using BladderLnAi.Analysis.Reading;
using BladderLnAi.Data.Cases;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;
using SixLabors.ImageSharp;

namespace BladderLnAi.Web.Review.Reports;

/// <summary>Renders a PNG thumbnail of the slide region around a node's confirmed deposits, with their outlines drawn.</summary>
public static class NodeThumbnail
{
    /// <summary>Width and height of the thumbnail in pixels.</summary>
    public const int Size = 320;

    /// <summary>Level-0 margin around the deposits, as a fraction of their extent (at least 256 pixels).</summary>
    private const double Margin = 0.5;

    public static byte[] Render(WholeSlideImage slide, IReadOnlyList<CaseFinding> deposits)
    {
        var points = deposits.SelectMany(f => f.Outline).ToList();
        var minX = points.Min(p => p.X);
        var maxX = points.Max(p => p.X);
        var minY = points.Min(p => p.Y);
        var maxY = points.Max(p => p.Y);
        var side = Math.Max(Math.Max(maxX - minX, maxY - minY) * (1 + 2 * Margin), 256);
        var left = (minX + maxX - side) / 2;
        var top = (minY + maxY - side) / 2;

        var downsample = side / Size;
        var level = slide.GetBestLevelForDownsample(Math.Max(downsample, 1));
        var levelDownsample = slide.Levels[level].Downsample;
        var readSide = (int)Math.Ceiling(side / levelDownsample);
        var region = slide.ReadRegion((long)left, (long)top, level, readSide, readSide).Resize(Size, Size);

        foreach (var deposit in deposits)
        {
            var outline = deposit.Outline.Select(p => new PointD((p.X - left) / downsample, (p.Y - top) / downsample)).ToList();
            DrawPolygon(region, outline, (0, 160, 0));
        }

        using var image = region.ToImageSharp();
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return png.ToArray();
    }

    private static void DrawPolygon(RgbImage image, IReadOnlyList<PointD> outline, (byte R, byte G, byte B) colour)
    {
        for (var i = 0; i < outline.Count; i++)
        {
            DrawLine(image, outline[i], outline[(i + 1) % outline.Count], colour);
        }
    }

    /// <summary>Draws a line two pixels wide by stepping along its longer axis.</summary>
    private static void DrawLine(RgbImage image, PointD from, PointD to, (byte R, byte G, byte B) colour)
    {
        var steps = (int)Math.Ceiling(Math.Max(Math.Abs(to.X - from.X), Math.Abs(to.Y - from.Y))) + 1;
        for (var step = 0; step <= steps; step++)
        {
            var t = (double)step / steps;
            var x = (int)Math.Round(from.X + (to.X - from.X) * t);
            var y = (int)Math.Round(from.Y + (to.Y - from.Y) * t);
            for (var dy = 0; dy < 2; dy++)
            {
                for (var dx = 0; dx < 2; dx++)
                {
                    SetPixel(image, x + dx, y + dy, colour);
                }
            }
        }
    }

    private static void SetPixel(RgbImage image, int x, int y, (byte R, byte G, byte B) colour)
    {
        if (x < 0 || y < 0 || x >= image.Width || y >= image.Height)
        {
            return;
        }

        var index = (y * image.Width + x) * 3;
        image.Pixels[index] = colour.R;
        image.Pixels[index + 1] = colour.G;
        image.Pixels[index + 2] = colour.B;
    }
}
