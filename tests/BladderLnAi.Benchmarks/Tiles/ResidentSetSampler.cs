namespace BladderLnAi.Benchmarks.Tiles;

/// <summary>Samples a server's resident set every 50 ms on a background task and keeps the peak.</summary>
public sealed class ResidentSetSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakBytes;

    public ResidentSetSampler(TileServer server)
    {
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                if (server.ReadResidentBytes() is { } bytes && bytes > Interlocked.Read(ref _peakBytes))
                {
                    Interlocked.Exchange(ref _peakBytes, bytes);
                }
            }
            while (await WaitAsync(timer));
        });
    }

    /// <summary>Largest resident set seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
