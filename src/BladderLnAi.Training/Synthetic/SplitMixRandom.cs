namespace BladderLnAi.Training.Synthetic;

/// <summary>
/// A small sequential random generator (SplitMix64) whose output depends only on its seed, unlike
/// <see cref="Random"/>, whose seeded sequence .NET does not promise to keep across versions.
/// </summary>
internal sealed class SplitMixRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var value = _state;
        _state += 0x9E3779B97F4A7C15UL;
        return Hashing.Mix(value);
    }

    /// <summary>Returns a double in [0, 1).</summary>
    public double NextDouble() => Hashing.ToUnit(NextUInt64());

    public double Uniform(double minimum, double maximum) => minimum + (maximum - minimum) * NextDouble();

    /// <summary>Returns a value whose logarithm is uniform between the logarithms of the bounds.</summary>
    public double LogUniform(double minimum, double maximum) =>
        Math.Exp(Uniform(Math.Log(minimum), Math.Log(maximum)));

    /// <summary>Returns an integer in [<paramref name="minimum"/>, <paramref name="maximumExclusive"/>).</summary>
    public int Next(int minimum, int maximumExclusive) =>
        minimum + (int)Math.Min(Math.Floor(NextDouble() * (maximumExclusive - minimum)), maximumExclusive - minimum - 1);

    /// <summary>Returns a normally distributed value (Box-Muller transform).</summary>
    public double Normal(double mean, double standardDeviation)
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        return mean + standardDeviation * radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }
}
