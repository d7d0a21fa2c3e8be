using System.Numerics;

namespace BladderLnAi.Training.Synthetic;

internal sealed partial class TileRenderer
{
    private readonly ulong _lymphocyteKey;
    private readonly ulong _histiocyteKey;
    private readonly ulong _fibroblastKey;
    private readonly ulong _adipocyteKey;
    private readonly double _adipocyteSpacing;

    /// <summary>Adds the nuclei of every cell that reaches the region to the hematoxylin and their bodies to the eosin.</summary>
    private void StampCells(long originX, long originY, bool hasTumour, TileScratch scratch)
    {
        var nucleusSoftness = 0.35 * _pixelsPerMicron;
        var bodySoftness = 1.0 * _pixelsPerMicron;
        StampLymphocytes(originX, originY, nucleusSoftness, scratch);
        StampHistiocytes(originX, originY, nucleusSoftness, bodySoftness, scratch);
        StampFibroblasts(originX, originY, nucleusSoftness, scratch);
        if (hasTumour)
        {
            StampTumourCells(originX, originY, nucleusSoftness, bodySoftness, scratch);
        }
    }

    /// <summary>
    /// Lymphocytes on a jittered lattice as in <c>lymphocytes</c> of synthetic.py: small, round, dark nuclei of 6 to 8 um,
    /// dense in the cortex and sparse in sinuses. In germinal centres some become centroblasts: larger, paler nuclei.
    /// </summary>
    private void StampLymphocytes(long originX, long originY, double softness, TileScratch scratch)
    {
        var spacing = _style.LymphocyteSpacingMicrons * _pixelsPerMicron;
        var reach = 9 * _pixelsPerMicron;
        var tumourGap = 4.5 * _pixelsPerMicron;
        foreach (var (column, row) in LatticeCells(originX, originY, spacing, reach))
        {
            var random = new SplitMixRandom(Hashing.Hash(_lymphocyteKey, column, row));
            var x = (column + random.NextDouble()) * spacing;
            var y = (row + random.NextDouble()) * spacing;
            var sample = _layout.Sample(x, y);
            var density = LymphocyteDensity(sample) * TumourFactor(x, y, tumourGap);
            if (random.NextDouble() >= density)
            {
                continue;
            }

            var nucleus = new Nucleus { X = x, Y = y };
            if (random.NextDouble() < 0.6 * sample.Germinal)
            {
                nucleus.SetShape(random.Uniform(9, 12) * _pixelsPerMicron, random.Uniform(1.0, 1.4), random.Uniform(0, Math.PI));
                nucleus.SetPhases(random.Uniform(0, 2 * Math.PI), random.Uniform(0, 2 * Math.PI));
                nucleus.Amplitude = (float)random.Uniform(0.6, 0.85);
                nucleus.Roughness = 0.06f;
                nucleus.Rim = 0.3f;
            }
            else
            {
                nucleus.SetShape(random.Uniform(6, 8) * _pixelsPerMicron, random.Uniform(1.0, 1.15), random.Uniform(0, Math.PI));
                nucleus.Amplitude = (float)(_style.LymphocyteAmplitude * random.Uniform(0.85, 1.15));
            }

            nucleus.Stamp(scratch.Hematoxylin, _regionSize, originX, originY, softness);
        }
    }

    private double LymphocyteDensity(in LayoutSample sample)
    {
        if (sample.TissueDepth <= 0 || sample.NodeDepth <= 0)
        {
            return 0;
        }

        var density = _style.LymphocyteDensity
            * (1 - 0.97 * sample.Capsule)
            * (1 - 0.85 * sample.Sinus)
            * (1 - 0.2 * sample.Medulla)
            * (1 - 0.35 * sample.Germinal)
            * (1 + 0.1 * sample.Mantle);
        return Math.Min(density, 1);
    }

    /// <summary>Returns the share of cells kept at a point: few inside tumour and a thin gap around it.</summary>
    private double TumourFactor(double x, double y, double gap)
    {
        foreach (var focus in _foci)
        {
            if (focus.IsNear(x, y, gap))
            {
                return focus.Contains(x, y) ? 0.02 : 0.1;
            }
        }

        return 1;
    }

    /// <summary>Sinus histiocytes as in <c>histiocytes</c> of synthetic.py: scattered large, pale nuclei with pale cytoplasm.</summary>
    private void StampHistiocytes(long originX, long originY, double softness, double bodySoftness, TileScratch scratch)
    {
        var spacing = 24 * _pixelsPerMicron;
        var reach = 14 * _pixelsPerMicron;
        foreach (var (column, row) in LatticeCells(originX, originY, spacing, reach))
        {
            var random = new SplitMixRandom(Hashing.Hash(_histiocyteKey, column, row));
            var x = (column + random.NextDouble()) * spacing;
            var y = (row + random.NextDouble()) * spacing;
            var sample = _layout.Sample(x, y);
            var chance = sample.NodeDepth > 0 ? 0.5 * sample.Sinus * (1 - sample.Capsule) * TumourFactor(x, y, reach) : 0;
            if (random.NextDouble() >= chance)
            {
                continue;
            }

            var nucleus = new Nucleus { X = x, Y = y, Amplitude = (float)random.Uniform(0.4, 0.6), Rim = 0.2f };
            nucleus.SetShape(random.Uniform(8, 12) * _pixelsPerMicron, random.Uniform(1.0, 1.5), random.Uniform(0, Math.PI));
            nucleus.Stamp(scratch.Hematoxylin, _regionSize, originX, originY, softness);

            var body = new Nucleus { X = x, Y = y, Amplitude = 0.1f };
            body.SetShape(random.Uniform(16, 24) * _pixelsPerMicron, random.Uniform(1.0, 1.4), random.Uniform(0, Math.PI));
            body.Stamp(scratch.Eosin, _regionSize, originX, originY, bodySoftness);
        }
    }

    /// <summary>Spindle-shaped fibroblast nuclei in the capsule, aligned with the outline, as in <c>fibroblasts</c> of synthetic.py.</summary>
    private void StampFibroblasts(long originX, long originY, double softness, TileScratch scratch)
    {
        var spacing = 14 * _pixelsPerMicron;
        var reach = 12 * _pixelsPerMicron;
        foreach (var (column, row) in LatticeCells(originX, originY, spacing, reach))
        {
            var random = new SplitMixRandom(Hashing.Hash(_fibroblastKey, column, row));
            var x = (column + random.NextDouble()) * spacing;
            var y = (row + random.NextDouble()) * spacing;
            var sample = _layout.Sample(x, y);
            if (sample.NodeDepth <= 0 || random.NextDouble() >= 0.5 * sample.Capsule)
            {
                continue;
            }

            var nucleus = new Nucleus { X = x, Y = y, Amplitude = (float)random.Uniform(1.0, 1.4) };
            var angle = _layout.TangentAngle(x, y) + random.Normal(0, 0.2);
            nucleus.SetShape(random.Uniform(5, 7) * _pixelsPerMicron, random.Uniform(3, 6), angle);
            nucleus.Stamp(scratch.Hematoxylin, _regionSize, originX, originY, softness);
        }
    }

    private void StampTumourCells(long originX, long originY, double softness, double bodySoftness, TileScratch scratch)
    {
        var size = _regionSize;
        foreach (var focus in _foci)
        {
            var reach = focus.MaxCellReach + 20 * _pixelsPerMicron;
            foreach (var cell in focus.CellsIn(originX - reach, originY - reach, originX + size + reach, originY + size + reach))
            {
                cell.Nucleus.Stamp(scratch.Hematoxylin, size, originX, originY, softness);

                // Cell bodies stop at the focus outline, which is the drawn edge of the tumour cytoplasm.
                cell.Body.Stamp(scratch.Eosin, size, originX, originY, bodySoftness, scratch.TumourMask);
            }
        }
    }

    /// <summary>Enumerates the lattice cells whose jittered point may lie within <paramref name="reach"/> of the region.</summary>
    private IEnumerable<(long Column, long Row)> LatticeCells(long originX, long originY, double spacing, double reach)
    {
        var firstColumn = (long)Math.Floor((originX - reach) / spacing);
        var endColumn = (long)Math.Floor((originX + _regionSize + reach) / spacing);
        var firstRow = (long)Math.Floor((originY - reach) / spacing);
        var endRow = (long)Math.Floor((originY + _regionSize + reach) / spacing);
        for (var row = firstRow; row <= endRow; row++)
        {
            for (var column = firstColumn; column <= endColumn; column++)
            {
                yield return (column, row);
            }
        }
    }

    /// <summary>Collects the adipocyte centres near the region: one per cell of a lattice of the mean fat cell size.</summary>
    private void CollectAdipocyteSeeds(long originX, long originY, List<(double X, double Y)> seeds)
    {
        seeds.Clear();
        foreach (var (column, row) in LatticeCells(originX, originY, _adipocyteSpacing, 2 * _adipocyteSpacing))
        {
            var hash = Hashing.Hash(_adipocyteKey, column, row);
            var x = (column + 0.1 + 0.8 * Hashing.ToUnit(hash)) * _adipocyteSpacing;
            var y = (row + 0.1 + 0.8 * Hashing.ToUnit(Hashing.Mix(hash))) * _adipocyteSpacing;
            seeds.Add((x, y));
        }
    }

    /// <summary>
    /// Returns the membrane weight at a point of fat, 1 on the border between two adipocytes (the bisector of the two
    /// nearest centres) and falling to 0 at 1.2 um from it.
    /// </summary>
    private float AdipocyteMembrane(double x, double y, List<(double X, double Y)> seeds)
    {
        var (nearest, second) = (double.MaxValue, double.MaxValue);
        var (nearestIndex, secondIndex) = (0, 0);
        for (var i = 0; i < seeds.Count; i++)
        {
            var dx = x - seeds[i].X;
            var dy = y - seeds[i].Y;
            var distance = dx * dx + dy * dy;
            if (distance < nearest)
            {
                (second, secondIndex) = (nearest, nearestIndex);
                (nearest, nearestIndex) = (distance, i);
            }
            else if (distance < second)
            {
                (second, secondIndex) = (distance, i);
            }
        }

        var (a, b) = (seeds[nearestIndex], seeds[secondIndex]);
        var separation = Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        var toBorder = (second - nearest) / (2 * separation);
        var weight = Math.Max(0, 1 - toBorder / (1.2 * _pixelsPerMicron));
        return (float)(weight * weight * (3 - 2 * weight));
    }

    /// <summary>Blurs the region with the Gaussian kernel, keeping only the tile at its centre.</summary>
    private void Blur(float[] region, float[] tile, float[] rows)
    {
        var (size, tileSize) = (_regionSize, _tileSize);
        for (var y = 0; y < size; y++)
        {
            ConvolveRow(region.AsSpan(y * size, size), rows.AsSpan(y * tileSize, tileSize), 1);
        }

        for (var y = 0; y < tileSize; y++)
        {
            ConvolveRow(rows.AsSpan(y * tileSize), tile.AsSpan(y * tileSize, tileSize), tileSize);
        }
    }

    /// <summary>
    /// Sets <c>destination[x] = sum over k of kernel[k] * source[x + k * step]</c>, computing
    /// <see cref="Vector{T}.Count"/> outputs at a time.
    /// </summary>
    private void ConvolveRow(ReadOnlySpan<float> source, Span<float> destination, int step)
    {
        var width = Vector<float>.Count;
        var x = 0;
        for (; x + width <= destination.Length; x += width)
        {
            var sum = Vector<float>.Zero;
            for (var k = 0; k < _blurKernel.Length; k++)
            {
                sum += _blurKernel[k] * new Vector<float>(source.Slice(x + k * step, width));
            }

            sum.CopyTo(destination[x..]);
        }

        for (; x < destination.Length; x++)
        {
            var sum = 0f;
            for (var k = 0; k < _blurKernel.Length; k++)
            {
                sum += _blurKernel[k] * source[x + k * step];
            }

            destination[x] = sum;
        }
    }

    /// <summary>Returns a normalised Gaussian kernel of 2 * radius + 1 taps.</summary>
    private static float[] GaussianKernel(double sigma, int radius)
    {
        var kernel = new float[2 * radius + 1];
        for (var k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = (float)Math.Exp(-k * k / (2 * sigma * sigma));
        }

        var total = kernel.Sum();
        for (var k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= total;
        }

        return kernel;
    }
}
