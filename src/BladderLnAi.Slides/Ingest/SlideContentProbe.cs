namespace BladderLnAi.Slides;

/// <summary>
/// Reads a few regions of a slide's smallest level to prove that its pixels decode and are not blank.
/// </summary>
public static class SlideContentProbe
{
    /// <summary>Side of each probe region in pixels.</summary>
    private const int RegionSide = 256;

    /// <summary>Probe regions per axis; the smallest level is covered by up to 3 x 3 regions.</summary>
    private const int RegionsPerAxis = 3;

    /// <summary>
    /// Returns whether every pixel of the probe regions has the same colour. An all-white read (missing tiles, a
    /// blank scan) and an all-transparent one (which is composited over white) both count as blank. Real scans,
    /// even of a slide that is mostly background, always vary somewhere.
    /// </summary>
    /// <exception cref="SlideException">OpenSlide failed to decode a region.</exception>
    public static bool IsBlank(WholeSlideImage slide)
    {
        ArgumentNullException.ThrowIfNull(slide);
        var level = slide.Levels[^1];
        var width = (int)Math.Min(level.Width, RegionSide);
        var height = (int)Math.Min(level.Height, RegionSide);
        int? firstColour = null;
        foreach (var (x, y) in RegionOrigins(level, width, height))
        {
            var region = slide.ReadRegion((long)(x * level.Downsample), (long)(y * level.Downsample), level.Index, width, height);
            var pixels = region.Pixels;
            firstColour ??= pixels[0] << 16 | pixels[1] << 8 | pixels[2];
            for (var i = 0; i < pixels.Length; i += 3)
            {
                if ((pixels[i] << 16 | pixels[i + 1] << 8 | pixels[i + 2]) != firstColour)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IEnumerable<(long X, long Y)> RegionOrigins(SlideLevel level, int width, int height)
    {
        var xs = Spread(level.Width, width);
        var ys = Spread(level.Height, height);
        return ys.SelectMany(y => xs.Select(x => (x, y)));
    }

    /// <summary>Returns up to <see cref="RegionsPerAxis"/> distinct region starts spread evenly along one axis.</summary>
    private static long[] Spread(long length, int side)
    {
        var span = length - side;
        return Enumerable.Range(0, RegionsPerAxis)
            .Select(i => span * i / (RegionsPerAxis - 1))
            .Distinct()
            .ToArray();
    }
}
