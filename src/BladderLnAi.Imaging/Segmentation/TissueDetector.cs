using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// Separates stained tissue from the bright glass background of a slide thumbnail.
/// </summary>
public static class TissueDetector
{
    /// <summary>
    /// Detects tissue as the pixels whose grey level is at or below Otsu's threshold, because the white
    /// glass background is brighter than any stain. The mask is then cleaned up: tissue pixels without
    /// any tissue neighbour (dust, noise) are dropped, and one 3 x 3 dilation closes hairline gaps and
    /// keeps the faint tissue edge.
    /// </summary>
    /// <param name="thumbnail">A low-resolution RGB image of the whole slide.</param>
    /// <param name="minimumContrast">
    /// Smallest grey-level range (maximum minus minimum) treated as containing tissue, 1 to 255. A
    /// flatter image is all background. Defaults to 8.
    /// </param>
    public static TissueMask Detect(RgbImage thumbnail, int minimumContrast = 8)
    {
        ArgumentNullException.ThrowIfNull(thumbnail);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumContrast, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumContrast, 255);

        var gray = ToGray(thumbnail);
        var histogram = new long[256];
        foreach (var level in gray)
        {
            histogram[level]++;
        }

        var (minimum, maximum) = Range(histogram);
        if (maximum - minimum < minimumContrast)
        {
            return new TissueMask(new BinaryMask(thumbnail.Width, thumbnail.Height), -1, 0);
        }

        var threshold = Otsu.Threshold(histogram);
        var mask = new BinaryMask(thumbnail.Width, thumbnail.Height);
        for (var i = 0; i < gray.Length; i++)
        {
            mask.Values[i] = gray[i] <= threshold;
        }

        var cleaned = Dilate(RemoveIsolatedPixels(mask));
        return new TissueMask(cleaned, threshold, cleaned.Count() / (double)gray.Length);
    }

    /// <summary>Converts to 8-bit luma with the ITU-R BT.601 weights (0.299, 0.587, 0.114) in 1/256 steps.</summary>
    private static byte[] ToGray(RgbImage image)
    {
        var pixels = image.Pixels;
        var gray = new byte[image.Width * image.Height];
        for (var i = 0; i < gray.Length; i++)
        {
            var offset = i * 3;
            gray[i] = (byte)((77 * pixels[offset] + 150 * pixels[offset + 1] + 29 * pixels[offset + 2] + 128) >> 8);
        }

        return gray;
    }

    private static (int Minimum, int Maximum) Range(long[] histogram)
    {
        var minimum = Array.FindIndex(histogram, count => count > 0);
        var maximum = Array.FindLastIndex(histogram, count => count > 0);
        return (minimum, maximum);
    }

    private static BinaryMask RemoveIsolatedPixels(BinaryMask mask)
    {
        var result = new BinaryMask(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                result[x, y] = mask[x, y] && CountNeighbours(mask, x, y) > 0;
            }
        }

        return result;
    }

    private static BinaryMask Dilate(BinaryMask mask)
    {
        var result = new BinaryMask(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                result[x, y] = mask[x, y] || CountNeighbours(mask, x, y) > 0;
            }
        }

        return result;
    }

    /// <summary>Counts the set pixels among the 8 neighbours of (x, y) that lie inside the mask.</summary>
    private static int CountNeighbours(BinaryMask mask, int x, int y)
    {
        var count = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var ny = y + dy;
            if (ny < 0 || ny >= mask.Height)
            {
                continue;
            }

            for (var dx = -1; dx <= 1; dx++)
            {
                var nx = x + dx;
                if ((dx != 0 || dy != 0) && nx >= 0 && nx < mask.Width && mask[nx, ny])
                {
                    count++;
                }
            }
        }

        return count;
    }
}
