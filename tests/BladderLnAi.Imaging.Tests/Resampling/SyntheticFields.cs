using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Imaging.Tests.Resampling;

/// <summary>
/// Synthetic probability maps and grid probes for the resampling tests.
/// </summary>
internal static class SyntheticFields
{
    public const int FieldSize = 512;

    /// <summary>Creates a 512 x 512 probability map of 0.05 with discs of probability 0.9.</summary>
    public static FloatMap Discs(params (double CentreX, double CentreY, double Radius)[] discs)
    {
        var map = new FloatMap(FieldSize, FieldSize);
        Array.Fill(map.Values, 0.05f);
        for (var y = 0; y < FieldSize; y++)
        {
            for (var x = 0; x < FieldSize; x++)
            {
                foreach (var (cx, cy, r) in discs)
                {
                    var (dx, dy) = (x + 0.5 - cx, y + 0.5 - cy);
                    if (dx * dx + dy * dy <= r * r)
                    {
                        map[x, y] = 0.9f;
                    }
                }
            }
        }

        return map;
    }

    /// <summary>Builds the saliency map and the sampling grid of a probability map with default options.</summary>
    public static SamplingGrid GridFor(FloatMap probability)
    {
        var saliency = SaliencyBuilder.Build(probability, new SaliencyOptions());
        return SaliencySampler.ComputeGrid(saliency.Values, new SamplerOptions());
    }

    /// <summary>
    /// Returns the magnification at the output position whose sample lies closest to a field pixel
    /// position, searching the centres of a 512 x 512 composite.
    /// </summary>
    public static double MagnificationAt(SamplingGrid grid, double fieldX, double fieldY)
    {
        var (bestX, bestY, bestDistance) = (0.0, 0.0, double.MaxValue);
        for (var j = 0; j < FieldSize; j++)
        {
            for (var i = 0; i < FieldSize; i++)
            {
                var (x, y) = ((i + 0.5) / FieldSize, (j + 0.5) / FieldSize);
                grid.Map(x, y, out var u, out var v);
                var distance = Math.Pow(u * FieldSize - fieldX, 2) + Math.Pow(v * FieldSize - fieldY, 2);
                if (distance < bestDistance)
                {
                    (bestX, bestY, bestDistance) = (x, y, distance);
                }
            }
        }

        return grid.LocalMagnification(bestX, bestY);
    }

    /// <summary>A smooth test image: a sum of low-frequency sines with values in [0.1, 0.9].</summary>
    public static FloatMap SmoothImage(int width, int height)
    {
        var map = new FloatMap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (u, v) = ((x + 0.5) / width, (y + 0.5) / height);
                map[x, y] = (float)(0.5
                    + 0.2 * Math.Sin(2 * Math.PI * 2 * u)
                    + 0.1 * Math.Cos(2 * Math.PI * 3 * v + 0.7)
                    + 0.1 * Math.Sin(2 * Math.PI * 1.5 * (u + v)));
            }
        }

        return map;
    }
}
