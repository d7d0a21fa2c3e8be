using System.Runtime.CompilerServices;

namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// Stateless hashing of integer keys with the SplitMix64 finaliser. Every value that depends on a position (a cell, a noise lattice
/// point, a pixel) is a hash of the seed and that position. So every tile that draws the position computes the same
/// value, in any order and on any thread.
/// </summary>
internal static class Hashing
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong value)
    {
        value += Golden;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>Returns the key of one independent stream of values of a slide.</summary>
    public static ulong StreamKey(int seed, SeedStream stream) => Mix(Mix((ulong)(uint)seed) ^ (ulong)stream * Golden);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ulong key, long x, long y) => Mix(Mix(key ^ (ulong)x) ^ (ulong)y);

    /// <summary>Maps a hash to a double in [0, 1) from its top 53 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>Maps a hash to a double in [-1, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToSigned(ulong hash) => ToUnit(hash) * 2.0 - 1.0;
}

/// <summary>Independent streams of random values of one slide, so that adding draws to one leaves the others unchanged.</summary>
internal enum SeedStream
{
    Style = 1,
    Layout,
    Foci,
    BoundaryNoise,
    CapsuleNoise,
    SinusNoise,
    CortexNoise,
    EosinNoise,
    FatNoise,
    Follicles,
    Adipocytes,
    Lymphocytes,
    Histiocytes,
    Fibroblasts,
    Chromatin,
    CapsuleFibres,
    PixelNoise,
    TumourCells,
}
