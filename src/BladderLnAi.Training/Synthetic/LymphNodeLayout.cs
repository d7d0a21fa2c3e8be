namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// The anatomy of one synthetic lymph node in level-0 pixels: a bean-shaped outline with a fibrous capsule, a
/// subcapsular sinus, cortex with follicles, medulla with sinuses, a rim of perinodal fat, and glass around it.
/// </summary>
/// <remarks>
/// The outline is a star-shaped curve around the node centre in a frame scaled to the semi-axes. Depths are measured
/// along the ray from the centre, so they exceed the perpendicular distance where the outline is oblique to the ray,
/// by up to about 25% at an aspect ratio of 2. The capsule and sinus widths vary by more than that on purpose.
/// </remarks>
internal sealed partial class LymphNodeLayout
{
    private const int OutlineSamples = 2048;
    private const double BoundaryNoiseMicrons = 6.0;

    private readonly double _micronsPerPixel;
    private readonly double _cos;
    private readonly double _sin;
    private readonly double[] _outline;
    private readonly double[] _fatRimMicrons;
    private readonly double _capsuleMicrons;
    private readonly double _subcapsularSinusMicrons;
    private readonly double _cortexMicrons;
    private readonly double _sinusWidth;
    private readonly ValueNoise _boundaryNoise;
    private readonly ValueNoise _capsuleNoise;
    private readonly ValueNoise _subcapsularNoise;
    private readonly ValueNoise _cortexNoise;
    private readonly ValueNoise _sinusNoise;
    private readonly ValueNoise _eosinNoise;
    private readonly ValueNoise _fatNoise;
    private readonly FollicleGrid _follicles;

    private LymphNodeLayout(int seed, NodeGeometry geometry, SplitMixRandom random, double micronsPerPixel)
    {
        _micronsPerPixel = micronsPerPixel;
        var pixelsPerMicron = 1.0 / micronsPerPixel;
        CentreX = geometry.CentreX;
        CentreY = geometry.CentreY;
        Angle = geometry.Angle;
        SemiMajor = geometry.SemiMajor;
        SemiMinor = geometry.SemiMinor;
        _cos = Math.Cos(Angle);
        _sin = Math.Sin(Angle);
        _outline = geometry.Outline;
        _fatRimMicrons = geometry.FatRimMicrons;

        _capsuleMicrons = random.Uniform(10, 22);
        _subcapsularSinusMicrons = random.Uniform(12, 30);
        var minorMicrons = SemiMinor * _outline.Min() * micronsPerPixel;
        _cortexMicrons = Math.Clamp(random.Uniform(0.25, 0.4) * minorMicrons, 60, 600);
        _sinusWidth = random.Uniform(0.08, 0.18);

        _boundaryNoise = new ValueNoise(Hashing.StreamKey(seed, SeedStream.BoundaryNoise), 40 * pixelsPerMicron);
        _capsuleNoise = new ValueNoise(Hashing.StreamKey(seed, SeedStream.CapsuleNoise), 80 * pixelsPerMicron);
        _subcapsularNoise = new ValueNoise(Hashing.StreamKey(seed, SeedStream.CapsuleNoise) + 99, 120 * pixelsPerMicron);
        _cortexNoise = new ValueNoise(Hashing.StreamKey(seed, SeedStream.CortexNoise), 150 * pixelsPerMicron);
        _sinusNoise = new ValueNoise(
            Hashing.StreamKey(seed, SeedStream.SinusNoise), random.Uniform(60, 140) * pixelsPerMicron);
        _eosinNoise = new ValueNoise(Hashing.StreamKey(seed, SeedStream.EosinNoise), 6 * pixelsPerMicron);
        _fatNoise = new ValueNoise(Hashing.StreamKey(seed, SeedStream.FatNoise), 50 * pixelsPerMicron);
        _follicles = FollicleGrid.Create(seed, this, random, micronsPerPixel);
    }

    public double CentreX { get; }

    public double CentreY { get; }

    /// <summary>Direction of the long axis in radians, from the x axis towards the y axis (clockwise on screen).</summary>
    public double Angle { get; }

    /// <summary>Half the long axis of the outline's base ellipse, in level-0 pixels.</summary>
    public double SemiMajor { get; }

    /// <summary>Half the short axis of the outline's base ellipse, in level-0 pixels.</summary>
    public double SemiMinor { get; }

    /// <summary>Mean thickness of the capsule in micrometres.</summary>
    public double CapsuleMicrons => _capsuleMicrons;

    /// <summary>Mean depth below the capsule where the cortex gives way to medulla, in micrometres.</summary>
    public double CortexMicrons => _cortexMicrons;

    public double SubcapsularSinusMicrons => _subcapsularSinusMicrons;

    /// <summary>Returns the layout's random outline and scale for a slide of the given size.</summary>
    /// <param name="elongated">Whether to make a long, narrow node along a diagonal, which leaves room for a long deposit.</param>
    public static LymphNodeLayout Create(int seed, long width, long height, double micronsPerPixel, bool elongated)
    {
        var random = new SplitMixRandom(Hashing.StreamKey(seed, SeedStream.Layout));
        var geometry = NodeGeometry.Create(random, width, height, micronsPerPixel, elongated);
        return new LymphNodeLayout(seed, geometry, random, micronsPerPixel);
    }

    /// <summary>Returns the compartment weights at a point in level-0 pixels.</summary>
    public LayoutSample Sample(double x, double y)
    {
        var (depth, polar) = DepthAndPolarAngle(x, y);
        var sample = new LayoutSample
        {
            NodeDepth = (float)depth,
            TissueDepth = (float)(depth + FatRimMicrons(polar, x, y)),
            EosinTexture = (float)(1.0 + 0.45 * _eosinNoise.Fractal(x, y, 2)),
        };
        if (depth <= 0)
        {
            return sample;
        }

        var capsule = _capsuleMicrons * (1.0 + 0.3 * _capsuleNoise.Sample(x, y));
        sample.Capsule = (float)(1.0 - Smoothstep(capsule - 1.5, capsule + 1.5, depth));

        var subcapsularWidth = _subcapsularSinusMicrons * Math.Clamp(0.5 + 1.2 * _subcapsularNoise.Sample(x, y), 0, 1.5);
        var subcapsular = Smoothstep(capsule, capsule + 3, depth)
            * (1.0 - Smoothstep(capsule + subcapsularWidth - 3, capsule + subcapsularWidth + 1, depth));

        var cortex = _cortexMicrons * (1.0 + 0.25 * _cortexNoise.Sample(x, y));
        var medulla = Smoothstep(cortex - 40, cortex + 40, depth);
        var (germinal, mantle) = _follicles.Sample(x, y);

        // Sinuses meander where a smooth field crosses zero, as in synthetic.py, mostly in the medulla.
        var field = _sinusNoise.Fractal(x, y, 2) / _sinusWidth;
        var deep = Math.Exp(-field * field) * (0.15 + 0.85 * medulla) * (1.0 - Math.Max(germinal, mantle));

        sample.Sinus = (float)(Math.Max(subcapsular, deep) * (1.0 - sample.Capsule));
        sample.Medulla = (float)medulla;
        sample.Germinal = (float)germinal;
        sample.Mantle = (float)mantle;
        return sample;
    }

    /// <summary>Returns the distance inside the node outline in micrometres, negative outside.</summary>
    public double NodeDepthMicrons(double x, double y) => DepthAndPolarAngle(x, y).Depth;

    /// <summary>Returns the compartment at a point, ignoring tumour.</summary>
    public TissueCompartment CompartmentAt(double x, double y)
    {
        var sample = Sample(x, y);
        return sample switch
        {
            { TissueDepth: <= 0 } => TissueCompartment.Glass,
            { NodeDepth: <= 0 } => TissueCompartment.Fat,
            { Capsule: > 0.5f } => TissueCompartment.Capsule,
            { Sinus: > 0.5f } => TissueCompartment.Sinus,
            { Germinal: > 0.5f } => TissueCompartment.GerminalCentre,
            { Medulla: > 0.5f } => TissueCompartment.Medulla,
            _ => TissueCompartment.Cortex,
        };
    }

    /// <summary>Returns the angle of the outline's tangent near a point, for fibres that run along the capsule.</summary>
    public double TangentAngle(double x, double y)
    {
        var polar = PolarAngle(x, y);
        var alongU = -SemiMajor * Math.Sin(polar);
        var alongV = SemiMinor * Math.Cos(polar);
        return Math.Atan2(alongU * _sin + alongV * _cos, alongU * _cos - alongV * _sin);
    }

    /// <summary>Returns the angle of a point around the node centre in the frame scaled to the semi-axes, -pi to pi.</summary>
    public double PolarAngle(double x, double y)
    {
        var dx = x - CentreX;
        var dy = y - CentreY;
        return Math.Atan2((-dx * _sin + dy * _cos) / SemiMinor, (dx * _cos + dy * _sin) / SemiMajor);
    }

    /// <summary>Returns the outline's radius factor at a polar angle, about 1.</summary>
    public double OutlineRadius(double polar) => Interpolate(_outline, polar);

    private (double Depth, double Polar) DepthAndPolarAngle(double x, double y)
    {
        var dx = x - CentreX;
        var dy = y - CentreY;
        var u = (dx * _cos + dy * _sin) / SemiMajor;
        var v = (-dx * _sin + dy * _cos) / SemiMinor;
        var rho = Math.Sqrt(u * u + v * v);
        var polar = Math.Atan2(v, u);
        var radius = Interpolate(_outline, polar);
        var (cosPolar, sinPolar) = rho > 1e-12 ? (u / rho, v / rho) : (1.0, 0.0);
        var rayLength = radius * Math.Sqrt(Square(SemiMajor * cosPolar) + Square(SemiMinor * sinPolar));
        var depth = (1.0 - rho / radius) * rayLength * _micronsPerPixel;
        return (depth + BoundaryNoiseMicrons * _boundaryNoise.Fractal(x, y, 2), polar);
    }

    private double FatRimMicrons(double polar, double x, double y) =>
        Interpolate(_fatRimMicrons, polar) * (1.0 + 0.35 * _fatNoise.Sample(x, y));

    /// <summary>Reads a periodic table of <see cref="OutlineSamples"/> values over one turn, with linear interpolation.</summary>
    private static double Interpolate(double[] table, double polar)
    {
        var position = (polar + Math.PI) / (2 * Math.PI) * OutlineSamples;
        var index = (int)Math.Floor(position);
        var fraction = position - index;
        var first = table[((index % OutlineSamples) + OutlineSamples) % OutlineSamples];
        var second = table[(((index + 1) % OutlineSamples) + OutlineSamples) % OutlineSamples];
        return first + (second - first) * fraction;
    }

    internal static double Smoothstep(double edge0, double edge1, double value)
    {
        var t = Math.Clamp((value - edge0) / (edge1 - edge0), 0.0, 1.0);
        return t * t * (3.0 - 2.0 * t);
    }

    private static double Square(double value) => value * value;
}
