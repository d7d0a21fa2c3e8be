namespace BladderLnAi.Training.Synthetic;

/// <summary>Buffers for rendering one tile, reused by one thread from tile to tile.</summary>
internal sealed class TileScratch
{
    public TileScratch(int regionSize, int tileSize, int coarseCount, int chromatinCount)
    {
        var regionPixels = regionSize * regionSize;
        Hematoxylin = new float[regionPixels];
        Eosin = new float[regionPixels];
        TumourMask = new byte[regionPixels];
        BlurRows = new float[regionSize * tileSize];
        BlurredHematoxylin = new float[tileSize * tileSize];
        BlurredEosin = new float[tileSize * tileSize];
        TissueDepth = new float[coarseCount * coarseCount];
        NodeDepth = new float[coarseCount * coarseCount];
        Capsule = new float[coarseCount * coarseCount];
        Sinus = new float[coarseCount * coarseCount];
        EosinTexture = new float[coarseCount * coarseCount];
        Chromatin = new float[chromatinCount * chromatinCount];
        Rgb = new byte[tileSize * tileSize * 3];
        CoarseColumns = new int[regionSize];
        CoarseFractions = new float[regionSize];
        ChromatinColumns = new int[regionSize];
        ChromatinFractions = new float[regionSize];
    }

    /// <summary>Hematoxylin concentration of the region (the tile and its blur margin).</summary>
    public float[] Hematoxylin { get; }

    /// <summary>Eosin concentration of the region.</summary>
    public float[] Eosin { get; }

    /// <summary>Per region pixel: 0 outside tumour, else the index of the focus plus 1.</summary>
    public byte[] TumourMask { get; }

    public float[] BlurRows { get; }

    public float[] BlurredHematoxylin { get; }

    public float[] BlurredEosin { get; }

    // Layout fields on the coarse lattice, interpolated per pixel.
    public float[] TissueDepth { get; }

    public float[] NodeDepth { get; }

    public float[] Capsule { get; }

    public float[] Sinus { get; }

    public float[] EosinTexture { get; }

    /// <summary>Chromatin texture on a fine lattice.</summary>
    public float[] Chromatin { get; }

    /// <summary>The rendered tile, interleaved 8-bit RGB.</summary>
    public byte[] Rgb { get; }

    // Lattice column and interpolation weight of each region column, the same for every row.
    public int[] CoarseColumns { get; }

    public float[] CoarseFractions { get; }

    public int[] ChromatinColumns { get; }

    public float[] ChromatinFractions { get; }

    public List<double> Crossings { get; } = [];

    public List<(double X, double Y)> AdipocyteSeeds { get; } = [];
}
