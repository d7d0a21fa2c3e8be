namespace BladderLnAi.Data.Jobs;

/// <summary>
/// One requested analysis of one slide, persisted so that the queue survives a restart.
/// </summary>
public sealed class AnalysisJob
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string SlideId { get; set; }

    public required string SlideFileName { get; set; }

    /// <summary>Site that owns the slide; null for slides in no site's folders.</summary>
    public int? SiteId { get; set; }

    public AnalysisJobStatus Status { get; set; } = AnalysisJobStatus.Queued;

    /// <summary>Name of the stage last reported, such as <c>UniformPass</c>.</summary>
    public string? Stage { get; set; }

    public int FieldsDone { get; set; }

    public int FieldsTotal { get; set; }

    public string? RequestedBy { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    public DateTime? StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }

    /// <summary>Number of times the job has been started, retries included.</summary>
    public int Attempts { get; set; }

    public string? Error { get; set; }

    /// <summary>Folder of the results, relative to the analysis store; set when the job completes.</summary>
    public string? ResultFolder { get; set; }

    public int? FindingCount { get; set; }

    public string? ModelName { get; set; }

    public string? ModelVersion { get; set; }

    public string? ModelSha256 { get; set; }

    public string? ExecutionProvider { get; set; }

    /// <summary>Worker process that last took the job, such as <c>gpu-node-1/4711</c>; null for jobs run by the web host.</summary>
    public string? Worker { get; set; }

    /// <summary>
    /// SHA-256 hash (lower-case hex) of the ticket sent with the job's latest analysis request; the worker that
    /// received the request proves it with the ticket.
    /// </summary>
    public string? TicketHash { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsFinished => Status is AnalysisJobStatus.Completed or AnalysisJobStatus.Failed
        or AnalysisJobStatus.Cancelled or AnalysisJobStatus.Interrupted;
}

/// <summary>Lifecycle of an analysis job.</summary>
public enum AnalysisJobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,

    /// <summary>The host stopped while the job was running; the job can be retried.</summary>
    Interrupted,
}
