using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// Combines the uniform-pass and resampled-pass probability maps of a field.
/// </summary>
public static class ProbabilityFusion
{
    /// <summary>
    /// Fuses the two passes pixel by pixel, weighting each by its local sampling density:
    /// (p_uniform * 1 + p_resampled * d) / (1 + d). The uniform pass samples the field at density 1
    /// and d is <see cref="InverseMapping.Density"/>, so magnified places trust the resampled pass
    /// more, compressed places trust the uniform pass more, and d = 0 keeps the uniform value.
    /// </summary>
    /// <exception cref="ArgumentException">The maps differ in size.</exception>
    public static FloatMap Fuse(FloatMap uniform, InverseMapping resampled)
    {
        ArgumentNullException.ThrowIfNull(uniform);
        ArgumentNullException.ThrowIfNull(resampled);
        RequireSameSize(uniform, resampled.Values, "resampled values");
        RequireSameSize(uniform, resampled.Density, "resampled density");

        var fused = new FloatMap(uniform.Width, uniform.Height);
        var (p, q, d) = (uniform.Values, resampled.Values.Values, resampled.Density.Values);
        for (var i = 0; i < p.Length; i++)
        {
            fused.Values[i] = (p[i] + q[i] * d[i]) / (1 + d[i]);
        }

        return fused;
    }

    private static void RequireSameSize(FloatMap uniform, FloatMap other, string otherName)
    {
        if (uniform.Width != other.Width || uniform.Height != other.Height)
        {
            throw new ArgumentException(
                $"The uniform map is {uniform.Width} x {uniform.Height} but the {otherName} are "
                + $"{other.Width} x {other.Height}. Map the composite back onto the uniform map's size.",
                "resampled");
        }
    }
}
