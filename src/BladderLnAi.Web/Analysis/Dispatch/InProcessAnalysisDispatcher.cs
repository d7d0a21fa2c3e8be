using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.Running;

namespace BladderLnAi.Web.Analysis.Dispatch;

/// <summary>
/// The single-process default: wakes the host's <see cref="AnalysisWorker"/>, which takes queued jobs from the
/// database, and keeps the cancellation source of the job it runs.
/// </summary>
public sealed class InProcessAnalysisDispatcher : IAnalysisDispatcher
{
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly RunningJobs _running = new();

    public bool RunsJobsInProcess => true;

    public Task DispatchAsync(AnalysisJob job, string slidePath, string ticket, CancellationToken cancellationToken)
    {
        _wakeUp.Release();
        return Task.CompletedTask;
    }

    public Task<bool> SignalCancelAsync(Guid jobId) => _running.CancelAsync(jobId);

    /// <summary>Waits until a job is queued or the timeout passes.</summary>
    internal Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _wakeUp.WaitAsync(timeout, cancellationToken);

    internal CancellationTokenSource RegisterRunning(Guid jobId, CancellationToken stopping) => _running.Add(jobId, stopping);

    internal void UnregisterRunning(Guid jobId) => _running.Remove(jobId);
}
