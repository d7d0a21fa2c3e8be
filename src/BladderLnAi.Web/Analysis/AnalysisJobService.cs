using System.Collections.Concurrent;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Queues, cancels and retries analysis jobs. The queue lives in the database so that it survives a restart;
/// <see cref="AnalysisWorker"/> takes jobs from it one at a time.
/// </summary>
public sealed partial class AnalysisJobService(
    IDbContextFactory<BladderLnAiDbContext> databases,
    AnalysisEventPublisher events,
    ILogger<AnalysisJobService> logger)
{
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public async Task<AnalysisJob> EnqueueAsync(SlideEntry slide, int? siteId, string? requestedBy, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var active = await database.AnalysisJobs
            .Where(job => job.SlideId == slide.Id)
            .Where(job => job.Status == AnalysisJobStatus.Queued || job.Status == AnalysisJobStatus.Running)
            .OrderByDescending(job => job.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (active is not null)
        {
            return active;
        }

        var job = new AnalysisJob { SlideId = slide.Id, SlideFileName = slide.FileName, SiteId = siteId, RequestedBy = requestedBy };
        database.AnalysisJobs.Add(job);
        await database.SaveChangesAsync(cancellationToken);
        Log.Queued(logger, job.Id, slide.Id);
        await events.PublishAsync(AnalysisJobEvent.From("queued", job));
        _wakeUp.Release();
        return job;
    }

    public async Task<AnalysisJob?> GetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.AnalysisJobs.AsNoTracking().FirstOrDefaultAsync(job => job.Id == jobId, cancellationToken);
    }

    /// <summary>Returns the slide's most recent job in any state, or null.</summary>
    public async Task<AnalysisJob?> GetLatestAsync(string slideId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.AnalysisJobs.AsNoTracking()
            .Where(job => job.SlideId == slideId)
            .OrderByDescending(job => job.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Returns the slide's most recent completed job, whose results can be shown without re-running.</summary>
    public async Task<AnalysisJob?> GetLatestCompletedAsync(string slideId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.AnalysisJobs.AsNoTracking()
            .Where(job => job.SlideId == slideId && job.Status == AnalysisJobStatus.Completed)
            .OrderByDescending(job => job.FinishedUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Cancels a queued job at once, or signals the worker to stop a running one. Returns false when the job does not
    /// exist or has already finished.
    /// </summary>
    public async Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(jobId, out var running))
        {
            await running.CancelAsync();
            return true;
        }

        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var job = await database.AnalysisJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is not { Status: AnalysisJobStatus.Queued })
        {
            return false;
        }

        job.Status = AnalysisJobStatus.Cancelled;
        job.FinishedUtc = DateTime.UtcNow;
        job.Version = Guid.NewGuid();
        await database.SaveChangesAsync(cancellationToken);
        Log.Cancelled(logger, job.Id, job.SlideId);
        await events.PublishAsync(AnalysisJobEvent.From("cancelled", job));
        return true;
    }

    /// <summary>Puts a failed, cancelled or interrupted job back in the queue. Returns false for any other state.</summary>
    public async Task<bool> RetryAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var job = await database.AnalysisJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.Status is AnalysisJobStatus.Queued or AnalysisJobStatus.Running or AnalysisJobStatus.Completed)
        {
            return false;
        }

        job.Status = AnalysisJobStatus.Queued;
        job.Error = null;
        job.Stage = null;
        job.FieldsDone = 0;
        job.FinishedUtc = null;
        job.Version = Guid.NewGuid();
        await database.SaveChangesAsync(cancellationToken);
        Log.Retried(logger, job.Id, job.SlideId);
        await events.PublishAsync(AnalysisJobEvent.From("queued", job));
        _wakeUp.Release();
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Queued analysis job {JobId} for slide {SlideId}")]
        public static partial void Queued(ILogger logger, Guid jobId, string slideId);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Cancelled queued analysis job {JobId} of slide {SlideId}")]
        public static partial void Cancelled(ILogger logger, Guid jobId, string slideId);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Re-queued analysis job {JobId} of slide {SlideId}")]
        public static partial void Retried(ILogger logger, Guid jobId, string slideId);
    }
}
