using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Training.Datasets;

/// <summary>Conversions and morphology on binary masks for training data preparation.</summary>
public static class MaskRasters
{
    /// <summary>Returns a map with 1 on set pixels and 0 elsewhere, the form the resampler and saliency builder take.</summary>
    public static FloatMap ToFloat(BinaryMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var map = new FloatMap(mask.Width, mask.Height);
        for (var i = 0; i < map.Values.Length; i++)
        {
            map.Values[i] = mask.Values[i] ? 1f : 0f;
        }

        return map;
    }

    /// <summary>Returns the pixels at or above <paramref name="threshold"/>.</summary>
    public static BinaryMask Threshold(FloatMap map, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(map);
        var mask = new BinaryMask(map.Width, map.Height);
        for (var i = 0; i < map.Values.Length; i++)
        {
            mask.Values[i] = map.Values[i] >= threshold;
        }

        return mask;
    }

    /// <summary>Dilates by <paramref name="radius"/> steps of the 3 x 3 square, so by a square of side 2 radius + 1.</summary>
    public static BinaryMask Dilate(BinaryMask mask, int radius) => Repeat(mask, radius, dilate: true);

    /// <summary>Erodes by <paramref name="radius"/> steps of the 3 x 3 square. Pixels beyond the border count as unset.</summary>
    public static BinaryMask Erode(BinaryMask mask, int radius) => Repeat(mask, radius, dilate: false);

    /// <summary>Returns the fraction of set pixels, 0 to 1.</summary>
    public static double Fraction(BinaryMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return mask.Count() / (double)mask.Values.Length;
    }

    private static BinaryMask Repeat(BinaryMask mask, int radius, bool dilate)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var result = mask;
        for (var step = 0; step < radius; step++)
        {
            result = Step(result, dilate);
        }

        return result;
    }

    /// <summary>
    /// One 3 x 3 step: a dilated pixel is set when any pixel of its neighbourhood is set, an eroded pixel when all
    /// of them are (pixels beyond the border being unset).
    /// </summary>
    private static BinaryMask Step(BinaryMask mask, bool dilate)
    {
        var result = new BinaryMask(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                result[x, y] = dilate ? AnySet(mask, x, y) : AllSet(mask, x, y);
            }
        }

        return result;
    }

    private static bool AnySet(BinaryMask mask, int x, int y)
    {
        for (var ny = Math.Max(0, y - 1); ny <= Math.Min(mask.Height - 1, y + 1); ny++)
        {
            for (var nx = Math.Max(0, x - 1); nx <= Math.Min(mask.Width - 1, x + 1); nx++)
            {
                if (mask[nx, ny])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AllSet(BinaryMask mask, int x, int y)
    {
        for (var ny = y - 1; ny <= y + 1; ny++)
        {
            for (var nx = x - 1; nx <= x + 1; nx++)
            {
                if (nx < 0 || ny < 0 || nx >= mask.Width || ny >= mask.Height || !mask[nx, ny])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
