namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// The appearance of one synthetic slide: stain colours, focus, noise, JPEG quality and cell densities, drawn from
/// the seed so that they vary between slides. Most ranges are those of <c>src/training/bladderln_training/synthetic.py</c>,
/// the patch generator the bundled model was trained on. The blur is narrower in micrometres, because that generator
/// blurs at 2 um per pixel, and the glass is kept near white.
/// </summary>
internal sealed class SlideStyle
{
    /// <summary>Soft upper limit of the hematoxylin concentration where nuclei overlap.</summary>
    public const float MaxHematoxylin = 2.0f;

    private SlideStyle()
    {
    }

    /// <summary>Optical density per unit of hematoxylin in R, G and B.</summary>
    public required float[] HematoxylinDensity { get; init; }

    /// <summary>Optical density per unit of eosin in R, G and B.</summary>
    public required float[] EosinDensity { get; init; }

    /// <summary>Optical density of glass and mounting medium in R, G and B.</summary>
    public required float[] BackgroundDensity { get; init; }

    /// <summary>Brightness of the light source, 1 for a full 255.</summary>
    public required float Illumination { get; init; }

    /// <summary>Standard deviation of the optical blur in micrometres.</summary>
    public required double BlurMicrons { get; init; }

    /// <summary>Standard deviation of the sensor noise in 8-bit levels.</summary>
    public required float NoiseLevel { get; init; }

    /// <summary>JPEG quality of every tile, 0 to 100.</summary>
    public required int JpegQuality { get; init; }

    public required double LymphocyteSpacingMicrons { get; init; }

    public required float LymphocyteAmplitude { get; init; }

    /// <summary>Share of lymphocyte lattice cells that hold a lymphocyte in dense cortex.</summary>
    public required double LymphocyteDensity { get; init; }

    /// <summary>Hematoxylin of the cytoplasm and matrix of all cellular tissue.</summary>
    public required float HematoxylinBackground { get; init; }

    /// <summary>Eosin of lymphoid tissue between the nuclei.</summary>
    public required float EosinBackground { get; init; }

    /// <summary>Eosin of the fibrous capsule.</summary>
    public required float CapsuleEosin { get; init; }

    /// <summary>Eosin of adipocyte membranes.</summary>
    public required float MembraneEosin { get; init; }

    /// <summary>Eosin of tumour cytoplasm before the cell bodies are added.</summary>
    public required float TumourCytoplasmEosin { get; init; }

    public static SlideStyle Create(int seed)
    {
        var random = new SplitMixRandom(Hashing.StreamKey(seed, SeedStream.Style));

        // The hematoxylin and eosin vectors of synthetic.py (which takes them from Ruifrok and Johnston, 2001),
        // jittered as there.
        var hematoxylinScale = random.Uniform(0.75, 1.25);
        var eosinScale = random.Uniform(0.7, 1.3);
        float[] hematoxylin = [0.650f, 0.704f, 0.286f];
        float[] eosin = [0.072f, 0.990f, 0.105f];
        for (var channel = 0; channel < 3; channel++)
        {
            hematoxylin[channel] = (float)(Math.Max(hematoxylin[channel] + random.Normal(0, 0.06), 0.02) * hematoxylinScale);
            eosin[channel] = (float)(Math.Max(eosin[channel] + random.Normal(0, 0.06), 0.02) * eosinScale);
        }

        var backgroundLevel = random.Uniform(0.01, 0.05);
        var background = new float[3];
        for (var channel = 0; channel < 3; channel++)
        {
            background[channel] = (float)Math.Max(backgroundLevel + random.Normal(0, 0.008), 0);
        }

        return new SlideStyle
        {
            HematoxylinDensity = hematoxylin,
            EosinDensity = eosin,
            BackgroundDensity = background,
            Illumination = (float)random.Uniform(0.94, 1.0),
            BlurMicrons = random.Uniform(0.2, 0.55),
            NoiseLevel = (float)random.Uniform(1.0, 4.0),
            JpegQuality = random.Next(70, 93),
            LymphocyteSpacingMicrons = random.Uniform(8.5, 10.5),
            LymphocyteAmplitude = (float)random.Uniform(1.1, 1.5),
            LymphocyteDensity = random.Uniform(0.8, 0.95),
            HematoxylinBackground = (float)random.Uniform(0.02, 0.08),
            EosinBackground = (float)random.Uniform(0.10, 0.22),
            CapsuleEosin = (float)random.Uniform(0.45, 0.8),
            MembraneEosin = (float)random.Uniform(0.3, 0.6),
            TumourCytoplasmEosin = (float)random.Uniform(0.28, 0.4),
        };
    }
}
