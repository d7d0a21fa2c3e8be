using System.Collections.Concurrent;
using BladderLnAi.Data.Jobs;

namespace BladderLnAi.Web.Analysis.Dispatch;

/// <summary>
/// The single-process default: wakes the host's <see cref="AnalysisWorker"/>, which takes queued jobs from the
/// database, and keeps the cancellation source of the job it runs.
/// </summary>
public sealed class InProcessAnalysisDispatcher : IAnalysisDispatcher
{
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public bool RunsJobsInProcess => true;

    public Task DispatchAsync(AnalysisJob job, string slidePath, string ticket, CancellationToken cancellationToken)
    {
        _wakeUp.Release();
        return Task.CompletedTask;
    }

    public async Task<bool> SignalCancelAsync(Guid jobId)
    {
        if (!_running.TryGetValue(jobId, out var running))
        {
            return false;
        }

        await running.CancelAsync();
        return true;
    }

    /// <summary>Waits until a job is queued or the timeout passes.</summary>
    internal Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _wakeUp.WaitAsync(timeout, cancellationToken);

    internal CancellationTokenSource RegisterRunning(Guid jobId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[jobId] = source;
        return source;
    }

    internal void UnregisterRunning(Guid jobId)
    {
        if (_running.TryRemove(jobId, out var source))
        {
            source.Dispose();
        }
    }
}
