namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Draws level-0 tiles of a planned slide. Each tile is computed from the plan and its own position only, so tiles can
/// be drawn in any order and on any thread and still join up seamlessly.
/// </summary>
/// <remarks>
/// A tile is drawn with a margin as wide as the blur kernel: cell stamps add hematoxylin and eosin concentrations,
/// the tissue compartments set the background stains, both are blurred, and the Beer-Lambert law turns them into
/// transmitted light, as in <c>src/training/bladderln_training/synthetic.py</c>.
/// </remarks>
internal sealed partial class TileRenderer
{
    // Optical densities are looked up in steps of 1/1024 up to 8, where the light left is below 0.1 of a level.
    private const int DensitySteps = 1024;
    private const int DensityTableSize = 8 * DensitySteps + 1;

    private readonly SlideStyle _style;
    private readonly LymphNodeLayout _layout;
    private readonly IReadOnlyList<TumourFocus> _foci;
    private readonly double _pixelsPerMicron;
    private readonly int _tileSize;
    private readonly int _margin;
    private readonly int _regionSize;
    private readonly float[] _blurKernel;
    private readonly int _coarseStep;
    private readonly int _coarseCount;
    private readonly double _chromatinStep;
    private readonly int _chromatinCount;
    private readonly float[] _lightTable;
    private readonly ulong _chromatinKey;
    private readonly ulong _pixelNoiseKey;
    private readonly ulong _fibreKey;

    public TileRenderer(SyntheticSlidePlan plan)
    {
        _style = plan.Style;
        _layout = plan.Layout;
        _foci = plan.TumourFoci;
        _pixelsPerMicron = 1.0 / plan.Options.MicronsPerPixel;
        _tileSize = SyntheticSlidePlan.TileSize;

        var sigma = _style.BlurMicrons * _pixelsPerMicron;
        _margin = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        _regionSize = _tileSize + 2 * _margin;
        _blurKernel = GaussianKernel(sigma, _margin);

        _coarseStep = Math.Max(2, (int)Math.Round(2 * _pixelsPerMicron));
        _coarseCount = _regionSize / _coarseStep + 3;
        _chromatinStep = Math.Max(2.0, 1.0 * _pixelsPerMicron);
        _chromatinCount = (int)(_regionSize / _chromatinStep) + 3;
        _lightTable = LightTable(_style.Illumination);

        var seed = plan.Options.Seed;
        _chromatinKey = Hashing.StreamKey(seed, SeedStream.Chromatin);
        _pixelNoiseKey = Hashing.StreamKey(seed, SeedStream.PixelNoise);
        _fibreKey = Hashing.StreamKey(seed, SeedStream.CapsuleFibres);
        _lymphocyteKey = Hashing.StreamKey(seed, SeedStream.Lymphocytes);
        _histiocyteKey = Hashing.StreamKey(seed, SeedStream.Histiocytes);
        _fibroblastKey = Hashing.StreamKey(seed, SeedStream.Fibroblasts);
        _adipocyteKey = Hashing.StreamKey(seed, SeedStream.Adipocytes);
        _adipocyteSpacing = new SplitMixRandom(_adipocyteKey).Uniform(50, 100) * _pixelsPerMicron;
    }

    public TileScratch CreateScratch() => new(_regionSize, _tileSize, _coarseCount, _chromatinCount);

    /// <summary>Draws the level-0 tile at a tile column and row into <see cref="TileScratch.Rgb"/>.</summary>
    public void Render(int column, int row, TileScratch scratch)
    {
        var originX = (long)column * _tileSize - _margin;
        var originY = (long)row * _tileSize - _margin;
        Array.Clear(scratch.Hematoxylin);
        Array.Clear(scratch.Eosin);

        var hasTissue = SampleCoarseFields(originX, originY, scratch);
        if (hasTissue)
        {
            var hasTumour = FillTumourMask(originX, originY, scratch);
            StampCells(originX, originY, hasTumour, scratch);
            FillChromatin(originX, originY, scratch);
            ComposeStains(originX, originY, scratch);
        }

        Blur(scratch.Hematoxylin, scratch.BlurredHematoxylin, scratch.BlurRows);
        Blur(scratch.Eosin, scratch.BlurredEosin, scratch.BlurRows);
        ToRgb(originX + _margin, originY + _margin, scratch);
    }

    /// <summary>Evaluates the layout on the coarse lattice and returns whether any lattice point lies on tissue.</summary>
    private bool SampleCoarseFields(long originX, long originY, TileScratch scratch)
    {
        var (firstX, firstY) = (FloorDivide(originX, _coarseStep), FloorDivide(originY, _coarseStep));
        var hasTissue = false;
        for (var j = 0; j < _coarseCount; j++)
        {
            for (var i = 0; i < _coarseCount; i++)
            {
                var sample = _layout.Sample((firstX + i) * _coarseStep, (firstY + j) * _coarseStep);
                var index = j * _coarseCount + i;
                scratch.TissueDepth[index] = sample.TissueDepth;
                scratch.NodeDepth[index] = sample.NodeDepth;
                scratch.Capsule[index] = sample.Capsule;
                scratch.Sinus[index] = sample.Sinus;
                scratch.EosinTexture[index] = sample.EosinTexture;
                hasTissue |= sample.TissueDepth > 0;
            }
        }

        return hasTissue;
    }

    /// <summary>Marks the region pixels whose centres lie inside a focus, and returns whether there are any.</summary>
    private bool FillTumourMask(long originX, long originY, TileScratch scratch)
    {
        Array.Clear(scratch.TumourMask);
        var (size, hasTumour) = (_regionSize, false);
        foreach (var focus in _foci)
        {
            if (focus.MaxX < originX || focus.MinX > originX + size || focus.MaxY < originY || focus.MinY > originY + size)
            {
                continue;
            }

            hasTumour = true;
            var edges = focus.Edges.Subset(originY, originY + size);
            for (var y = 0; y < size; y++)
            {
                edges.FillRow(
                    originY + y + 0.5,
                    originX,
                    1.0,
                    scratch.TumourMask.AsSpan(y * size, size),
                    (byte)(focus.Index + 1),
                    scratch.Crossings);
            }
        }

        return hasTumour;
    }

    private void FillChromatin(long originX, long originY, TileScratch scratch)
    {
        var firstX = (long)Math.Floor(originX / _chromatinStep);
        var firstY = (long)Math.Floor(originY / _chromatinStep);
        for (var j = 0; j < _chromatinCount; j++)
        {
            for (var i = 0; i < _chromatinCount; i++)
            {
                scratch.Chromatin[j * _chromatinCount + i] =
                    (float)Hashing.ToSigned(Hashing.Hash(_chromatinKey, firstX + i, firstY + j));
            }
        }
    }

    /// <summary>Turns the stamps and the layout into the final hematoxylin and eosin concentration of each pixel.</summary>
    private void ComposeStains(long originX, long originY, TileScratch scratch)
    {
        var size = _regionSize;
        var (coarseX, coarseY) = (FloorDivide(originX, _coarseStep), FloorDivide(originY, _coarseStep));
        var (chromatinX, chromatinY) = (Math.Floor(originX / _chromatinStep), Math.Floor(originY / _chromatinStep));
        var hematoxylin = scratch.Hematoxylin;
        var eosin = scratch.Eosin;
        var mask = scratch.TumourMask;
        CollectAdipocyteSeeds(originX, originY, scratch.AdipocyteSeeds);
        for (var x = 0; x < size; x++)
        {
            var pixelX = originX + x + 0.5;
            (scratch.CoarseColumns[x], scratch.CoarseFractions[x]) = Split(pixelX / _coarseStep - coarseX);
            (scratch.ChromatinColumns[x], scratch.ChromatinFractions[x]) = Split(pixelX / _chromatinStep - chromatinX);
        }

        for (var y = 0; y < size; y++)
        {
            var pixelY = originY + y + 0.5;
            var (coarseRow, fy) = Split(pixelY / _coarseStep - coarseY);
            var (chromatinRow, cy) = Split(pixelY / _chromatinStep - chromatinY);
            for (var x = 0; x < size; x++)
            {
                var pixelX = originX + x + 0.5;
                var weights = new BilinearWeights(
                    coarseRow * _coarseCount + scratch.CoarseColumns[x], _coarseCount, scratch.CoarseFractions[x], fy);
                var index = y * size + x;
                var tissueDepth = weights.Apply(scratch.TissueDepth);
                if (tissueDepth <= 0)
                {
                    hematoxylin[index] = 0;
                    eosin[index] = 0;
                    continue;
                }

                var texture = weights.Apply(scratch.EosinTexture);
                var nodeDepth = weights.Apply(scratch.NodeDepth);
                if (nodeDepth <= 0)
                {
                    var membrane = AdipocyteMembrane(pixelX, pixelY, scratch.AdipocyteSeeds);
                    hematoxylin[index] = _style.HematoxylinBackground * membrane;
                    eosin[index] = _style.MembraneEosin * membrane * texture;
                    continue;
                }

                var capsule = weights.Apply(scratch.Capsule);
                var sinus = weights.Apply(scratch.Sinus);
                var background = _style.EosinBackground * texture * (1 - 0.5f * sinus);
                if (capsule > 0)
                {
                    var fibres = 1 + 0.35f * CapsuleFibres(pixelX, pixelY, nodeDepth);
                    background += (_style.CapsuleEosin * fibres - background) * capsule;
                }

                var focus = mask[index];
                eosin[index] = focus == 0
                    ? background + eosin[index]
                    : _foci[focus - 1].CytoplasmEosin * texture + eosin[index];

                var stamped = hematoxylin[index];
                if (stamped > 0)
                {
                    var grain = new BilinearWeights(
                        chromatinRow * _chromatinCount + scratch.ChromatinColumns[x],
                        _chromatinCount,
                        scratch.ChromatinFractions[x],
                        cy);
                    stamped *= 1 + 0.35f * grain.Apply(scratch.Chromatin);
                    stamped = SlideStyle.MaxHematoxylin * SoftLimit(stamped / SlideStyle.MaxHematoxylin);
                }

                hematoxylin[index] = stamped + _style.HematoxylinBackground;
            }
        }
    }

    /// <summary>Returns the fibre texture of the capsule: noise stretched along the outline, about -1 to 1.</summary>
    private float CapsuleFibres(double x, double y, float depthMicrons)
    {
        var arc = _layout.PolarAngle(x, y) * 0.5 * (_layout.SemiMajor + _layout.SemiMinor);
        var along = arc / (12 * _pixelsPerMicron);
        var across = depthMicrons / 1.5;
        return (float)(1.6 * ValueNoise.SampleLattice(along, across, _fibreKey));
    }

    /// <summary>Returns tanh(x) from its (3, 2) Pade approximant, within 2% up to 3 and clamped to 1 above.</summary>
    private static float SoftLimit(float x)
    {
        if (x >= 3)
        {
            return 1;
        }

        var square = x * x;
        return x * (27 + square) / (27 + 9 * square);
    }

    /// <summary>Converts the blurred stains of the tile to RGB with sensor noise.</summary>
    private void ToRgb(long tileX, long tileY, TileScratch scratch)
    {
        var (hematoxylinDensity, eosinDensity, background) =
            (_style.HematoxylinDensity, _style.EosinDensity, _style.BackgroundDensity);

        // Two uniform bytes sum to a triangular variable with standard deviation 255 * 0.408.
        var noiseScale = _style.NoiseLevel / (255f * 0.408f);
        var rgb = scratch.Rgb;
        for (var y = 0; y < _tileSize; y++)
        {
            for (var x = 0; x < _tileSize; x++)
            {
                var index = y * _tileSize + x;
                var hematoxylin = scratch.BlurredHematoxylin[index];
                var eosin = scratch.BlurredEosin[index];
                var noise = Hashing.Hash(_pixelNoiseKey, tileX + x, tileY + y);
                for (var channel = 0; channel < 3; channel++)
                {
                    var density = hematoxylin * hematoxylinDensity[channel] + eosin * eosinDensity[channel] + background[channel];
                    var step = Math.Clamp((int)(density * DensitySteps + 0.5f), 0, DensityTableSize - 1);
                    var bits = noise >> (channel * 16);
                    var triangular = (int)(bits & 0xFF) + (int)((bits >> 8) & 0xFF) - 255;
                    var value = _lightTable[step] + triangular * noiseScale;
                    rgb[index * 3 + channel] = (byte)Math.Clamp((int)(value + 0.5f), 0, 255);
                }
            }
        }
    }

    private static float[] LightTable(float illumination)
    {
        var table = new float[DensityTableSize];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (float)(255.0 * illumination * Math.Exp(-(double)i / DensitySteps));
        }

        return table;
    }

    private static (int Index, float Fraction) Split(double position)
    {
        var floor = Math.Floor(position);
        return ((int)floor, (float)(position - floor));
    }

    private static long FloorDivide(long value, long divisor) => (long)Math.Floor((double)value / divisor);

    /// <summary>Weights of the four lattice points around a pixel.</summary>
    private readonly struct BilinearWeights(int index, int stride, float fx, float fy)
    {
        public float Apply(float[] values)
        {
            var top = values[index] + (values[index + 1] - values[index]) * fx;
            var bottom = values[index + stride] + (values[index + stride + 1] - values[index + stride]) * fx;
            return top + (bottom - top) * fy;
        }
    }
}
