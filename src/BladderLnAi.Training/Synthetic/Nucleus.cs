using System.Runtime.CompilerServices;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// An elliptical stain stamp in level-0 pixels: a nucleus (hematoxylin) or a cell body (eosin), with an optional
/// irregular outline, a paler centre (vesicular chromatin) and a nucleolus. The shape follows
/// <c>stamp_windows</c> in <c>src/training/bladderln_training/synthetic.py</c>.
/// </summary>
internal struct Nucleus
{
    public double X;
    public double Y;
    public double SemiMajor;
    public double SemiMinor;
    public double Cos;
    public double Sin;
    public float Amplitude;

    /// <summary>Relative amplitude of the 2nd and 3rd angular harmonics of the outline, 0 for a smooth ellipse.</summary>
    public float Roughness;

    public float Phase2Cos;
    public float Phase2Sin;
    public float Phase3Cos;
    public float Phase3Sin;

    /// <summary>Share of the amplitude missing at the centre: 0 gives a uniform nucleus and 0.5 a vesicular one.</summary>
    public float Rim;

    public float NucleolusAmplitude;
    public double NucleolusX;
    public double NucleolusY;

    /// <summary>Greatest distance of the outline from the centre in pixels (the 3rd harmonic has weight 0.7).</summary>
    public readonly double Reach => SemiMajor * (1.0 + 1.7 * Roughness);

    /// <summary>Sets the shape from a mean diameter and the ratio of the long to the short axis.</summary>
    public void SetShape(double diameter, double aspect, double angle)
    {
        SemiMinor = diameter / (2.0 * Math.Sqrt(aspect));
        SemiMajor = SemiMinor * aspect;
        Cos = Math.Cos(angle);
        Sin = Math.Sin(angle);
    }

    /// <summary>Sets the phases of the outline harmonics.</summary>
    public void SetPhases(double phase2, double phase3)
    {
        Phase2Cos = (float)Math.Cos(phase2);
        Phase2Sin = (float)Math.Sin(phase2);
        Phase3Cos = (float)Math.Cos(phase3);
        Phase3Sin = (float)Math.Sin(phase3);
    }

    /// <summary>Returns the outline point at an angle of the stamp's own frame, in level-0 pixels.</summary>
    public readonly (double X, double Y) OutlinePoint(double angle)
    {
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        var radius = 1.0 + Roughness * Harmonics(c, s);
        var along = radius * c * SemiMajor;
        var across = radius * s * SemiMinor;
        return (X + along * Cos - across * Sin, Y + along * Sin + across * Cos);
    }

    /// <summary>
    /// Adds the stamp to a square float buffer of <paramref name="size"/> pixels whose pixel (0, 0) is level-0 pixel
    /// (<paramref name="originX"/>, <paramref name="originY"/>). With a <paramref name="mask"/>, only pixels where the
    /// mask is not 0 change.
    /// </summary>
    /// <param name="softness">Width of the outline's soft edge in pixels.</param>
    public readonly void Stamp(float[] buffer, int size, long originX, long originY, double softness, byte[]? mask = null)
    {
        var meanRadius = 0.5 * (SemiMajor + SemiMinor);
        var edgeScale = meanRadius / softness;
        var limit = 1.0 + 1.7 * Roughness + 1.0 / edgeScale;
        var reach = Reach + softness;
        var (firstX, endX) = Window(X - originX, reach, size);
        var (firstY, endY) = Window(Y - originY, reach, size);
        var (inverseMajor, inverseMinor) = (1.0 / SemiMajor, 1.0 / SemiMinor);

        for (var y = firstY; y < endY; y++)
        {
            var dy = originY + y + 0.5 - Y;
            var row = y * size;
            for (var x = firstX; x < endX; x++)
            {
                if (mask is not null && mask[row + x] == 0)
                {
                    continue;
                }

                var dx = originX + x + 0.5 - X;
                var along = (dx * Cos + dy * Sin) * inverseMajor;
                var across = (-dx * Sin + dy * Cos) * inverseMinor;
                var rhoSquared = along * along + across * across;
                if (rhoSquared >= limit * limit)
                {
                    continue;
                }

                var rho = Math.Sqrt(rhoSquared);
                var boundary = 1.0;
                if (Roughness > 0 && rho > 1e-9)
                {
                    boundary += Roughness * Harmonics(along / rho, across / rho);
                }

                var inside = Math.Clamp(0.5 + 0.5 * (boundary - rho) * edgeScale, 0.0, 1.0);
                if (inside <= 0)
                {
                    continue;
                }

                var relative = Math.Min(rho / boundary, 1.0);
                var profile = 1.0 - Rim * (1.0 - relative * relative);
                buffer[row + x] += (float)(Amplitude * profile * inside);
            }
        }

        if (NucleolusAmplitude > 0)
        {
            StampNucleolus(buffer, size, originX, originY, softness);
        }
    }

    /// <summary>Adds a small Gaussian spot whose standard deviation is the soft edge width.</summary>
    private readonly void StampNucleolus(float[] buffer, int size, long originX, long originY, double sigma)
    {
        var reach = 3.0 * sigma;
        var (firstX, endX) = Window(NucleolusX - originX, reach, size);
        var (firstY, endY) = Window(NucleolusY - originY, reach, size);
        var scale = -1.0 / (2.0 * sigma * sigma);
        for (var y = firstY; y < endY; y++)
        {
            var dy = originY + y + 0.5 - NucleolusY;
            for (var x = firstX; x < endX; x++)
            {
                var dx = originX + x + 0.5 - NucleolusX;
                buffer[y * size + x] += (float)(NucleolusAmplitude * Math.Exp((dx * dx + dy * dy) * scale));
            }
        }
    }

    /// <summary>Returns cos(2t + phase2) + 0.7 cos(3t + phase3) for the direction (cos t, sin t), without trigonometry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly double Harmonics(double c, double s)
    {
        var cos2 = c * c - s * s;
        var sin2 = 2.0 * c * s;
        var cos3 = c * (4.0 * c * c - 3.0);
        var sin3 = s * (3.0 - 4.0 * s * s);
        return cos2 * Phase2Cos - sin2 * Phase2Sin + 0.7 * (cos3 * Phase3Cos - sin3 * Phase3Sin);
    }

    private static (int First, int End) Window(double centre, double reach, int size) =>
        ((int)Math.Max(0, Math.Floor(centre - reach)), (int)Math.Min(size, Math.Ceiling(centre + reach) + 1));
}
