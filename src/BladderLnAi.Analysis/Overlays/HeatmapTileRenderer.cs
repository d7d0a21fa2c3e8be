using BladderLnAi.Analysis.Output;
using BladderLnAi.Slides;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Analysis.Overlays;

/// <summary>
/// Renders Deep Zoom tiles of a slide heatmap as translucent PNG, on the slide's own Deep Zoom layout, so that
/// heatmap tile (level, column, row) covers exactly the level-0 area of slide tile (level, column, row).
/// </summary>
/// <remarks>
/// Where a tile pixel is no larger than a heatmap pixel, it takes the heatmap pixel under its centre, so heatmap
/// edges fall on the same level-0 lines as the findings outlines traced from the heatmap. Where a tile pixel covers
/// several heatmap pixels (low zoom), it takes their maximum, so that a focus smaller than a screen pixel stays
/// visible. Probabilities below <see cref="HeatmapColours.TransparentBelow"/>, areas outside the heatmap and areas
/// without tissue (probability 0) are fully transparent.
/// </remarks>
public static class HeatmapTileRenderer
{
    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.RgbWithAlpha };

    /// <summary>Renders one tile as PNG of exactly the size that <see cref="DeepZoomLayout.TryGetTile"/> gives.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level, column or row is outside the pyramid.</exception>
    public static byte[] RenderPng(ProbabilityRaster raster, DeepZoomLayout layout, int level, int column, int row)
    {
        using var image = Render(raster, layout, level, column, row);
        using var output = new MemoryStream();
        image.SaveAsPng(output, Encoder);
        return output.ToArray();
    }

    /// <summary>Renders one tile as an image of exactly the size that <see cref="DeepZoomLayout.TryGetTile"/> gives.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level, column or row is outside the pyramid.</exception>
    public static Image<Rgba32> Render(ProbabilityRaster raster, DeepZoomLayout layout, int level, int column, int row)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentNullException.ThrowIfNull(layout);
        if (!layout.TryGetTile(level, column, row, out var tile))
        {
            throw new ArgumentOutOfRangeException(
                nameof(level),
                $"Heatmap tile (level {level}, column {column}, row {row}) is outside the pyramid, which has levels 0 to {layout.LevelCount - 1}.");
        }

        var downsample = layout.GetDownsample(level);
        var columns = Spans(tile.X, tile.Width, downsample, raster.Scale, raster.Width);
        var rows = Spans(tile.Y, tile.Height, downsample, raster.Scale, raster.Height);
        var probabilities = MaximumPerPixel(raster, columns, rows);
        var image = new Image<Rgba32>(tile.Width, tile.Height);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                var pixels = accessor.GetRowSpan(y);
                for (var x = 0; x < pixels.Length; x++)
                {
                    pixels[x] = HeatmapColours.Colour(probabilities[y * tile.Width + x] / 255f);
                }
            }
        });
        return image;
    }

    /// <summary>
    /// Returns, for each tile pixel along one axis, the half-open range of heatmap pixels it takes its value from.
    /// An empty range lies outside the heatmap.
    /// </summary>
    private static (int Start, int End)[] Spans(long first, int count, double downsample, double scale, int heatmapLength)
    {
        var spans = new (int Start, int End)[count];
        for (var i = 0; i < count; i++)
        {
            int start;
            int end;
            if (downsample <= scale)
            {
                start = (int)Math.Floor((first + i + 0.5) * downsample / scale);
                end = start + 1;
            }
            else
            {
                start = (int)Math.Floor((first + i) * downsample / scale);
                end = (int)Math.Ceiling((first + i + 1) * downsample / scale);
            }

            spans[i] = (Math.Clamp(start, 0, heatmapLength), Math.Clamp(end, 0, heatmapLength));
        }

        return spans;
    }

    /// <summary>Takes the maximum over each tile pixel's heatmap ranges, rows first and then columns.</summary>
    private static byte[] MaximumPerPixel(ProbabilityRaster raster, (int Start, int End)[] columns, (int Start, int End)[] rows)
    {
        var width = columns.Length;
        var firstRow = rows.Min(span => span.Start);
        var lastRow = rows.Max(span => span.End);
        var rowMaxima = new byte[Math.Max(0, lastRow - firstRow) * width];
        for (var r = firstRow; r < lastRow; r++)
        {
            var source = raster.Values.AsSpan(r * raster.Width, raster.Width);
            var target = rowMaxima.AsSpan((r - firstRow) * width, width);
            for (var x = 0; x < width; x++)
            {
                target[x] = Maximum(source, columns[x].Start, columns[x].End);
            }
        }

        var result = new byte[width * rows.Length];
        for (var y = 0; y < rows.Length; y++)
        {
            for (var r = rows[y].Start; r < rows[y].End; r++)
            {
                var source = rowMaxima.AsSpan((r - firstRow) * width, width);
                var target = result.AsSpan(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    target[x] = Math.Max(target[x], source[x]);
                }
            }
        }

        return result;
    }

    private static byte Maximum(ReadOnlySpan<byte> values, int start, int end)
    {
        byte maximum = 0;
        for (var i = start; i < end; i++)
        {
            maximum = Math.Max(maximum, values[i]);
        }

        return maximum;
    }
}
