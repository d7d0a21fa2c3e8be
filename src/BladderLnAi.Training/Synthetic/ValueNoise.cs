using System.Runtime.CompilerServices;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Smooth random field (value noise): random values in [-1, 1] on a square lattice, blended with a smoothstep.
/// Deterministic in the key and the position, so it joins up seamlessly across tiles.
/// </summary>
/// <param name="key">Stream key from <see cref="Hashing.StreamKey"/>.</param>
/// <param name="featureSize">Lattice spacing in the units of the sample positions (usually level-0 pixels).</param>
internal readonly struct ValueNoise(ulong key, double featureSize)
{
    private readonly double _inverseSize = 1.0 / featureSize;

    /// <summary>Returns the field at (x, y), between -1 and 1 and mostly within +-0.6.</summary>
    public double Sample(double x, double y) => SampleLattice(x * _inverseSize, y * _inverseSize, key);

    /// <summary>
    /// Returns the sum of <paramref name="octaves"/> layers, each half the size and half the amplitude of the one
    /// before, divided by the sum of the amplitudes so that it stays within [-1, 1].
    /// </summary>
    public double Fractal(double x, double y, int octaves)
    {
        var u = x * _inverseSize;
        var v = y * _inverseSize;
        var sum = 0.0;
        var amplitude = 1.0;
        var total = 0.0;
        for (var octave = 0; octave < octaves; octave++)
        {
            sum += amplitude * SampleLattice(u, v, key + (ulong)octave);
            total += amplitude;
            amplitude *= 0.5;

            // Offsets keep the lattices of different octaves from lining up at the origin.
            u = u * 2.0 + 17.31;
            v = v * 2.0 + 5.77;
        }

        return sum / total;
    }

    /// <summary>Returns the field at lattice coordinates (u, v) for any key, for anisotropic sampling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SampleLattice(double u, double v, ulong key)
    {
        var floorU = Math.Floor(u);
        var floorV = Math.Floor(v);
        var i = (long)floorU;
        var j = (long)floorV;
        var fu = u - floorU;
        var fv = v - floorV;
        var su = fu * fu * (3.0 - 2.0 * fu);
        var sv = fv * fv * (3.0 - 2.0 * fv);

        var rowKey = Hashing.Mix(key ^ (ulong)i);
        var nextRowKey = Hashing.Mix(key ^ (ulong)(i + 1));
        var a = Hashing.ToSigned(Hashing.Mix(rowKey ^ (ulong)j));
        var b = Hashing.ToSigned(Hashing.Mix(nextRowKey ^ (ulong)j));
        var c = Hashing.ToSigned(Hashing.Mix(rowKey ^ (ulong)(j + 1)));
        var d = Hashing.ToSigned(Hashing.Mix(nextRowKey ^ (ulong)(j + 1)));
        var top = a + (b - a) * su;
        var bottom = c + (d - c) * su;
        return top + (bottom - top) * sv;
    }
}
