using BladderLnAi.Imaging.Rasters;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Analysis.Output;

/// <summary>Renders probability maps as images: grey for storage, coloured and translucent for display.</summary>
public static class HeatmapColours
{
    /// <summary>Probabilities below this stay fully transparent in the overlay.</summary>
    public const float TransparentBelow = 0.2f;

    public static Image<L8> ToGrey(FloatMap map)
    {
        var image = new Image<L8>(map.Width, map.Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                var values = map.Row(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new L8(ToByte(values[x]));
                }
            }
        });
        return image;
    }

    /// <summary>
    /// Colours probabilities from blue through yellow to red; alpha rises from 0 at <see cref="TransparentBelow"/>
    /// to 230 at probability 1.
    /// </summary>
    public static Image<Rgba32> ToOverlay(FloatMap map)
    {
        var image = new Image<Rgba32>(map.Width, map.Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                var values = map.Row(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = Colour(values[x]);
                }
            }
        });
        return image;
    }

    public static Rgba32 Colour(float probability)
    {
        var p = Math.Clamp(probability, 0f, 1f);
        if (p < TransparentBelow)
        {
            return new Rgba32(0, 0, 0, 0);
        }

        var alpha = (byte)(230 * (p - TransparentBelow) / (1 - TransparentBelow));
        var (r, g, b) = p < 0.6f
            ? Mix((40, 90, 255), (255, 230, 0), (p - TransparentBelow) / (0.6f - TransparentBelow))
            : Mix((255, 230, 0), (230, 0, 0), (p - 0.6f) / 0.4f);
        return new Rgba32(r, g, b, alpha);
    }

    private static (byte R, byte G, byte B) Mix((int R, int G, int B) from, (int R, int G, int B) to, float t) => (
        (byte)(from.R + (to.R - from.R) * t),
        (byte)(from.G + (to.G - from.G) * t),
        (byte)(from.B + (to.B - from.B) * t));

    private static byte ToByte(float probability) => (byte)Math.Round(Math.Clamp(probability, 0f, 1f) * 255);
}
