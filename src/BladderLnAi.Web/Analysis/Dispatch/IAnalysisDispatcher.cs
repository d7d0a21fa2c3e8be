using BladderLnAi.Data.Jobs;

namespace BladderLnAi.Web.Analysis.Dispatch;

/// <summary>
/// Hands queued jobs to whatever runs them: the web host's own <see cref="AnalysisWorker"/>, or analysis workers
/// behind a RabbitMQ queue.
/// </summary>
public interface IAnalysisDispatcher
{
    /// <summary>True when this host runs the jobs itself, so that only it can stop a running job.</summary>
    bool RunsJobsInProcess { get; }

    /// <summary>Hands over a job that was just stored as queued, with the ticket whose hash the job holds.</summary>
    Task DispatchAsync(AnalysisJob job, string slidePath, string ticket, CancellationToken cancellationToken);

    /// <summary>Signals a running job to stop. Returns false when no runner of this host holds the job.</summary>
    Task<bool> SignalCancelAsync(Guid jobId);
}
