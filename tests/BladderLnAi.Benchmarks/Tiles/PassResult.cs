namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>What one server did in one pass: completed tiles, failures, time and latency distribution.</summary>
/// <param name="Latencies">Milliseconds from sending a request to reading the last byte, sorted ascending.</param>
/// <param name="CutShort">True when the pass hit its time limit before sending every request.</param>
public sealed record PassResult(
    int Completed,
    int Failed,
    TimeSpan Elapsed,
    double[] Latencies,
    long TotalBytes,
    bool CutShort,
    string? FirstFailure)
{
    /// <summary>Processor time the server used during the pass, all threads, or null when it could not be read.</summary>
    public TimeSpan? ServerProcessorTime { get; init; }

    /// <summary>Server processor milliseconds per tile served, which depends far less on other load than latency.</summary>
    public double ProcessorMillisecondsPerTile =>
        ServerProcessorTime is { } time && Completed > 0 ? time.TotalMilliseconds / Completed : double.NaN;

    public double TilesPerSecond => Completed / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double BytesPerTile => Completed == 0 ? 0 : (double)TotalBytes / Completed;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    /// <summary>Returns a latency percentile in milliseconds by the nearest-rank method, or NaN without samples.</summary>
    public double Percentile(double fraction)
    {
        if (Latencies.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * Latencies.Length);
        return Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)];
    }
}
