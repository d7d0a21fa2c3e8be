using System.Collections.Concurrent;

namespace BladderLnAi.Jobs.Running;

/// <summary>Cancellation sources of the jobs that this process runs now, so that a cancellation can reach them.</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Registers a job; the source is linked to <paramref name="stopping"/> and is disposed by <see cref="Remove"/>.</summary>
    public CancellationTokenSource Add(Guid jobId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[jobId] = source;
        return source;
    }

    public void Remove(Guid jobId)
    {
        if (_running.TryRemove(jobId, out var source))
        {
            source.Dispose();
        }
    }

    /// <summary>Cancels the job if this process runs it. Returns whether it did.</summary>
    public async Task<bool> CancelAsync(Guid jobId)
    {
        if (!_running.TryGetValue(jobId, out var source))
        {
            return false;
        }

        try
        {
            await source.CancelAsync();
            return true;
        }
        catch (ObjectDisposedException)
        {
            // The job finished between the look-up and the cancellation.
            return false;
        }
    }
}
