using System.Diagnostics;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Web.Analysis.Dispatch;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Observability;
using BladderLnAi.Web.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Runs queued analysis jobs one at a time on the inference device, pushing progress as it goes. This is the
/// single-process default; with <c>Messaging:Transport</c> set to RabbitMQ, analysis workers run the jobs instead.
/// </summary>
public sealed partial class AnalysisWorker(
    InProcessAnalysisDispatcher dispatcher,
    IDbContextFactory<BladderLnAiDbContext> databases,
    AnalysisEventPublisher events,
    SlideService slides,
    AnalysisJobRunner runner,
    AppPaths paths,
    BladderLnAiMetrics metrics,
    ILogger<AnalysisWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MarkInterruptedAsync(stoppingToken);
        await DeletePartialFilesAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var job = await TakeNextAsync(stoppingToken);
            if (job is null)
            {
                try
                {
                    await dispatcher.WaitForWorkAsync(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    // The host is stopping; leave the loop quietly.
                    break;
                }

                continue;
            }

            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or IOException)
            {
                // Recording the outcome failed; the job stays Running in the database and is marked
                // interrupted at the next start. The worker goes on with the queue.
                Log.RecordFailed(logger, ex, job.Id, job.SlideId);
            }
        }
    }

    /// <summary>Marks jobs left running by a previous process as interrupted, so that they can be retried.</summary>
    private async Task MarkInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var stale = await database.AnalysisJobs.Where(job => job.Status == AnalysisJobStatus.Running).ToListAsync(cancellationToken);
        foreach (var job in stale)
        {
            job.Status = AnalysisJobStatus.Interrupted;
            job.Error = "The server stopped while this analysis was running. Retry it to run it again.";
            job.FinishedUtc = DateTime.UtcNow;
            job.Version = Guid.NewGuid();
            Log.Interrupted(logger, job.Id, job.SlideId);
        }

        await database.SaveChangesAsync(cancellationToken);
    }

    private async Task<AnalysisJob?> TakeNextAsync(CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var job = await database.AnalysisJobs
            .Where(j => j.Status == AnalysisJobStatus.Queued)
            .OrderBy(j => j.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return null;
        }

        job.Status = AnalysisJobStatus.Running;
        job.StartedUtc = DateTime.UtcNow;
        job.Attempts++;
        job.Version = Guid.NewGuid();
        try
        {
            await database.SaveChangesAsync(cancellationToken);
            return job;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The job was cancelled or taken between the read and the write; look again.
            return null;
        }
    }

    private async Task RunAsync(AnalysisJob job, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["SlideId"] = job.SlideId });
        var cancellation = dispatcher.RegisterRunning(job.Id, stoppingToken);
        Log.Started(logger, job.Id, job.SlideId, job.Attempts);
        await events.PublishAsync(AnalysisJobEvent.From("started", job));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var summary = await AnalyzeAsync(job, cancellation.Token);
            job.Status = AnalysisJobStatus.Completed;
            job.ResultFolder = ResultFolders.NameOf(job.Id);
            job.FindingCount = summary.FindingsBySizeClass.Values.Sum();
            job.ModelName = summary.Model.Name;
            job.ModelVersion = summary.Model.Version;
            job.ModelSha256 = summary.Model.Sha256;
            job.ExecutionProvider = summary.ExecutionProvider;
            job.Stage = null;
            Log.Completed(logger, job.Id, job.SlideId, job.FindingCount.Value);
            metrics.RecordAnalysis("completed", Stopwatch.GetElapsedTime(started));
            await FinishAsync(job, "completed");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.Status = AnalysisJobStatus.Interrupted;
            job.Error = "The server stopped while this analysis was running. Retry it to run it again.";
            Log.Interrupted(logger, job.Id, job.SlideId);
            metrics.RecordAnalysis("interrupted", Stopwatch.GetElapsedTime(started));
            await FinishAsync(job, "interrupted");
        }
        catch (OperationCanceledException)
        {
            job.Status = AnalysisJobStatus.Cancelled;
            Log.CancelledWhileRunning(logger, job.Id, job.SlideId);
            metrics.RecordAnalysis("cancelled", Stopwatch.GetElapsedTime(started));
            await FinishAsync(job, "cancelled");
        }
        catch (Exception ex)
        {
            // Any fault of one job (bad slide, bad model, a bug) fails that job only; the worker goes on.
            job.Status = AnalysisJobStatus.Failed;
            job.Error = ex.Message;
            Log.Failed(logger, ex, job.Id, job.SlideId);
            metrics.RecordAnalysis("failed", Stopwatch.GetElapsedTime(started));
            await FinishAsync(job, "failed");
        }
        finally
        {
            dispatcher.UnregisterRunning(job.Id);
        }
    }

    private Task<SummaryDocument> AnalyzeAsync(AnalysisJob job, CancellationToken cancellationToken)
    {
        if (!slides.TryGet(job.SlideId, out var entry))
        {
            throw new InvalidOperationException(
                $"Slide '{job.SlideId}' ({job.SlideFileName}) is no longer in the slide folders. Restore the file and retry.");
        }

        var resultDirectory = Path.Combine(paths.AnalysesDirectory, ResultFolders.NameOf(job.Id));
        return runner.RunAsync(() => slides.Open(entry), entry.Id, resultDirectory, new JobProgress(events, job, SaveProgressAsync), cancellationToken);
    }

    /// <summary>
    /// Deletes what a stopped or killed process left half-written: result and staging folders of jobs that did not
    /// complete, temporary result files, and upload staging files. Only the single-process host runs this; with
    /// analysis workers on shared storage, a folder may belong to a job that another node is running.
    /// </summary>
    private async Task DeletePartialFilesAsync(CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var completedFolders = await database.AnalysisJobs
            .Where(job => job.Status == AnalysisJobStatus.Completed && job.ResultFolder != null)
            .Select(job => job.ResultFolder!)
            .ToListAsync(cancellationToken);
        var deleted = PartialFiles.Delete(paths, completedFolders.ToHashSet(StringComparer.Ordinal));
        if (deleted > 0)
        {
            Log.PartialFilesDeleted(logger, deleted, paths.DataDirectory);
        }
    }

    private async Task SaveProgressAsync(AnalysisJob job)
    {
        await using var database = await databases.CreateDbContextAsync();
        await database.AnalysisJobs
            .Where(j => j.Id == job.Id)
            .ExecuteUpdateAsync(update => update
                .SetProperty(j => j.Stage, job.Stage)
                .SetProperty(j => j.FieldsDone, job.FieldsDone)
                .SetProperty(j => j.FieldsTotal, job.FieldsTotal));
    }

    private async Task FinishAsync(AnalysisJob job, string eventType)
    {
        job.FinishedUtc = DateTime.UtcNow;

        // The job must be recorded even when the host is stopping, so no cancellation token here.
        await using var database = await databases.CreateDbContextAsync();
        var entry = database.AnalysisJobs.Attach(job);
        entry.State = EntityState.Modified;

        // The version read when the job was taken guards the update; the new one marks this change.
        entry.Property(j => j.Version).CurrentValue = Guid.NewGuid();
        await database.SaveChangesAsync();
        await events.PublishAsync(AnalysisJobEvent.From(eventType, job));
    }

    /// <summary>Publishes every stage change of the job and stores its progress at each checkpoint.</summary>
    private sealed class JobProgress(AnalysisEventPublisher events, AnalysisJob job, Func<AnalysisJob, Task> save)
        : IAnalysisProgressSink
    {
        public Task ReportAsync(AnalysisProgress progress)
        {
            job.Stage = progress.Stage.ToString();
            job.FieldsDone = progress.FieldsDone;
            job.FieldsTotal = progress.FieldsTotal;
            return events.PublishAsync(AnalysisJobEvent.From(
                "progress", job, progress.EstimatedRemaining?.TotalSeconds, progress.Elapsed.TotalSeconds));
        }

        public Task CheckpointAsync(AnalysisProgress progress) => save(job);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Started analysis job {JobId} of slide {SlideId} (attempt {Attempt})")]
        public static partial void Started(ILogger logger, Guid jobId, string slideId, int attempt);

        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Completed analysis job {JobId} of slide {SlideId} with {FindingCount} findings")]
        public static partial void Completed(ILogger logger, Guid jobId, string slideId, int findingCount);

        [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "Analysis job {JobId} of slide {SlideId} failed; it can be retried")]
        public static partial void Failed(ILogger logger, Exception exception, Guid jobId, string slideId);

        [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Cancelled running analysis job {JobId} of slide {SlideId}")]
        public static partial void CancelledWhileRunning(ILogger logger, Guid jobId, string slideId);

        [LoggerMessage(EventId = 605, Level = LogLevel.Error, Message = "Could not record the outcome of analysis job {JobId} of slide {SlideId}; it will be marked interrupted at the next start")]
        public static partial void RecordFailed(ILogger logger, Exception exception, Guid jobId, string slideId);

        [LoggerMessage(EventId = 606, Level = LogLevel.Information, Message = "Deleted {PartialCount} partial files and result folders left in {DataDirectory} by a stopped server")]
        public static partial void PartialFilesDeleted(ILogger logger, int partialCount, string dataDirectory);

        [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Analysis job {JobId} of slide {SlideId} was running when the server stopped; marked interrupted")]
        public static partial void Interrupted(ILogger logger, Guid jobId, string slideId);
    }
}
