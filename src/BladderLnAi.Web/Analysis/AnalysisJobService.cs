using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.WorkerApi;
using BladderLnAi.Slides;
using BladderLnAi.Web.Analysis.Dispatch;
using BladderLnAi.Web.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Queues, cancels and retries analysis jobs. The queue lives in the database so that it survives a restart; the
/// <see cref="IAnalysisDispatcher"/> hands each queued job to the host's own worker or to the workers' queue.
/// </summary>
public sealed partial class AnalysisJobService(
    IDbContextFactory<BladderLnAiDbContext> databases,
    AnalysisEventPublisher events,
    IAnalysisDispatcher dispatcher,
    SlideService slides,
    ILogger<AnalysisJobService> logger)
{
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

        var (ticket, ticketHash) = JobTickets.Create();
        var job = new AnalysisJob
        {
            SlideId = slide.Id,
            SlideFileName = slide.FileName,
            SiteId = siteId,
            RequestedBy = requestedBy,
            TicketHash = ticketHash,
        };
        database.AnalysisJobs.Add(job);
        await database.SaveChangesAsync(cancellationToken);
        Log.Queued(logger, job.Id, slide.Id);
        await events.PublishAsync(AnalysisJobEvent.From("queued", job));
        await dispatcher.DispatchAsync(job, slide.FullPath, ticket, cancellationToken);
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
    /// Cancels a queued job at once. A running job is signalled to stop: the host's own worker records the
    /// cancellation when it stops, while a job on a remote worker is marked cancelled here at once, so that the
    /// worker's next report is rejected. Returns false when the job does not exist or has already finished.
    /// </summary>
    public async Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var job = await database.AnalysisJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.IsFinished)
        {
            return false;
        }

        if (job.Status == AnalysisJobStatus.Running && dispatcher.RunsJobsInProcess)
        {
            return await dispatcher.SignalCancelAsync(jobId);
        }

        var wasRunning = job.Status == AnalysisJobStatus.Running;
        job.Status = AnalysisJobStatus.Cancelled;
        job.FinishedUtc = DateTime.UtcNow;
        job.Version = Guid.NewGuid();
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The host's worker took the job between the read and the write; stop it where it runs.
            return await dispatcher.SignalCancelAsync(jobId);
        }

        Log.Cancelled(logger, job.Id, job.SlideId);
        await events.PublishAsync(AnalysisJobEvent.From("cancelled", job));
        if (wasRunning)
        {
            await dispatcher.SignalCancelAsync(jobId);
        }

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

        var (ticket, ticketHash) = JobTickets.Create();
        job.Status = AnalysisJobStatus.Queued;
        job.Error = null;
        job.Stage = null;
        job.FieldsDone = 0;
        job.FinishedUtc = null;
        job.TicketHash = ticketHash;
        job.Version = Guid.NewGuid();
        await database.SaveChangesAsync(cancellationToken);
        Log.Retried(logger, job.Id, job.SlideId);
        await events.PublishAsync(AnalysisJobEvent.From("queued", job));

        // A slide that left the catalogue still goes to the runner, which fails the job with the reason.
        var slidePath = slides.TryGet(job.SlideId, out var entry) ? entry.FullPath : job.SlideFileName;
        await dispatcher.DispatchAsync(job, slidePath, ticket, cancellationToken);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Queued analysis job {JobId} for slide {SlideId}")]
        public static partial void Queued(ILogger logger, Guid jobId, string slideId);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Cancelled analysis job {JobId} of slide {SlideId}")]
        public static partial void Cancelled(ILogger logger, Guid jobId, string slideId);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Re-queued analysis job {JobId} of slide {SlideId}")]
        public static partial void Retried(ILogger logger, Guid jobId, string slideId);
    }
}
