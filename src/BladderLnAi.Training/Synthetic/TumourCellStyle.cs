namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// The tumour cells of one focus: larger, paler and pleomorphic nuclei with nucleoli and pink cytoplasm, with the
/// parameter ranges of <c>tumour_cells</c> in <c>src/training/bladderln_training/synthetic.py</c>, but with
/// more space between the nuclei, which are paler, so that the cytoplasm shows at 0.25 um per pixel.
/// </summary>
internal sealed class TumourCellStyle
{
    private readonly ulong _key;
    private readonly double _pixelsPerMicron;
    private readonly double _meanDiameter;
    private readonly double _amplitude;
    private readonly double _rim;
    private readonly double _nucleolusRate;
    private readonly double _bodyAmplitude;

    public TumourCellStyle(int seed, int focusIndex, SplitMixRandom random, double micronsPerPixel, float cytoplasmEosin)
    {
        _key = Hashing.Mix(Hashing.StreamKey(seed, SeedStream.TumourCells) ^ (ulong)focusIndex);
        _pixelsPerMicron = 1.0 / micronsPerPixel;
        Spacing = random.Uniform(16, 22) * _pixelsPerMicron;
        _meanDiameter = random.Uniform(9, 14) * _pixelsPerMicron;
        _amplitude = random.Uniform(0.45, 0.7);
        _rim = random.Uniform(0.35, 0.6);
        _nucleolusRate = random.Uniform(0.2, 0.8);
        _bodyAmplitude = random.Uniform(0.1, 0.2);
        CytoplasmEosin = cytoplasmEosin * (float)random.Uniform(0.85, 1.15);
    }

    /// <summary>Lattice spacing of the cells in pixels.</summary>
    public double Spacing { get; }

    public float CytoplasmEosin { get; }

    /// <summary>Upper bound of <see cref="Nucleus.Reach"/> over all cells: a 20 um diameter at aspect 1.6 and roughness 0.15.</summary>
    public double MaxNucleusReach => 20 * _pixelsPerMicron / 2 * Math.Sqrt(1.6) * (1 + 1.7 * 0.15);

    /// <summary>Returns the cell of one lattice point, which the caller keeps only when it fits inside the focus.</summary>
    public TumourCell CreateCell(TumourFocus focus, long column, long row)
    {
        var random = new SplitMixRandom(Hashing.Hash(_key, column, row));
        var x = focus.CentreX + (column + 0.5 + 0.5 * (random.NextDouble() - 0.5)) * Spacing;
        var y = focus.CentreY + (row + 0.5 + 0.5 * (random.NextDouble() - 0.5)) * Spacing;
        var diameter = Math.Clamp(
            _meanDiameter * Math.Exp(random.Normal(0, 0.18)), 9 * _pixelsPerMicron, 20 * _pixelsPerMicron);
        return CreateCell(random, x, y, diameter);
    }

    /// <summary>Returns one cell at the focus centre, shrunk until it fits, or null when even a small one does not.</summary>
    public TumourCell? CreateFallbackCell(TumourFocus focus)
    {
        var random = new SplitMixRandom(Hashing.Hash(_key, long.MinValue, long.MinValue));
        var template = CreateCell(random, focus.CentreX, focus.CentreY, _meanDiameter);
        foreach (var factor in new[] { 1.0, 0.85, 0.7, 0.55 })
        {
            var cell = template with { Nucleus = Scaled(template.Nucleus, factor) };
            if (focus.FitsInside(cell.Nucleus))
            {
                return cell;
            }
        }

        return null;
    }

    private TumourCell CreateCell(SplitMixRandom random, double x, double y, double diameter)
    {
        var nucleus = new Nucleus { X = x, Y = y };
        nucleus.SetShape(diameter, random.Uniform(1.0, 1.6), random.Uniform(0, Math.PI));
        nucleus.SetPhases(random.Uniform(0, 2 * Math.PI), random.Uniform(0, 2 * Math.PI));
        var hyperchromatic = random.NextDouble() < 0.1 ? 1.5 : 1.0;
        nucleus.Amplitude = (float)(_amplitude * random.Uniform(0.8, 1.2) * hyperchromatic);
        nucleus.Roughness = (float)random.Uniform(0.03, 0.15);
        nucleus.Rim = (float)_rim;
        if (random.NextDouble() < _nucleolusRate)
        {
            nucleus.NucleolusAmplitude = (float)random.Uniform(0.4, 0.8);
            nucleus.NucleolusX = x + 0.3 * nucleus.SemiMinor * random.Uniform(-1, 1);
            nucleus.NucleolusY = y + 0.3 * nucleus.SemiMinor * random.Uniform(-1, 1);
        }

        var body = new Nucleus
        {
            X = x + random.Normal(0, 1.6 * _pixelsPerMicron),
            Y = y + random.Normal(0, 1.6 * _pixelsPerMicron),
            Amplitude = (float)_bodyAmplitude,
            Roughness = 0.1f,
        };
        body.SetShape(Spacing * 1.15, random.Uniform(1.0, 1.4), random.Uniform(0, Math.PI));
        body.SetPhases(random.Uniform(0, 2 * Math.PI), random.Uniform(0, 2 * Math.PI));
        return new TumourCell(nucleus, body);
    }

    private static Nucleus Scaled(Nucleus nucleus, double factor)
    {
        nucleus.SemiMajor *= factor;
        nucleus.SemiMinor *= factor;
        nucleus.NucleolusX = nucleus.X + (nucleus.NucleolusX - nucleus.X) * factor;
        nucleus.NucleolusY = nucleus.Y + (nucleus.NucleolusY - nucleus.Y) * factor;
        return nucleus;
    }
}
