using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Pipeline;
using BladderLnAi.Jobs.Messages;
using BladderLnAi.Jobs.Running;
using BladderLnAi.Jobs.WorkerApi;
using BladderLnAi.Slides;
using MassTransit;

namespace BladderLnAi.Worker;

/// <summary>
/// Runs one analysis request from the <c>analyze-slide</c> queue: takes the job at the web host, analyses the slide
/// from the shared slide storage into the shared analyses folder, records the completion at the web host, and only
/// then returns, which acknowledges the request. An exception leaves the request to MassTransit's retries and, after
/// the last attempt, to the error queue.
/// </summary>
public sealed partial class AnalyzeSlideConsumer(
    WebHostJobsClient webHost,
    AnalysisJobRunner runner,
    RunningJobs running,
    WorkerStorage storage,
    ILogger<AnalyzeSlideConsumer> logger) : IConsumer<AnalyzeSlide>
{
    public async Task Consume(ConsumeContext<AnalyzeSlide> context)
    {
        var request = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = request.JobId, ["SlideId"] = request.SlideId });
        var started = await webHost.StartAsync(request, context.CancellationToken);
        if (started is null)
        {
            Log.NotWanted(logger, request.JobId, request.SlideId);
            return;
        }

        Log.Started(logger, request.JobId, request.SlideId, context.GetRetryAttempt() + 1, context.ReceiveContext.Redelivered);
        await context.Publish(started, context.CancellationToken);

        var cancellation = running.Add(request.JobId, context.CancellationToken);
        SummaryDocument summary;
        try
        {
            summary = await AnalyzeAsync(request, context, cancellation);
        }
        // NOTE: when the worker itself stops (SIGTERM), the cancellation propagates to MassTransit, which should
        // return the request to the queue; only a SIGKILL (the broker's redelivery) is covered by a test.
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The web host cancelled the job and has already recorded and announced it.
            Log.Cancelled(logger, request.JobId, request.SlideId);
            return;
        }
        finally
        {
            running.Remove(request.JobId);
        }

        await RecordCompletionAsync(request, summary, context);
    }

    private async Task<SummaryDocument> AnalyzeAsync(
        AnalyzeSlide request,
        ConsumeContext context,
        CancellationTokenSource cancellation)
    {
        WholeSlideImage? slide = null;
        try
        {
            var progress = new JobProgress(request, context, webHost, cancellation);
            return await runner.RunAsync(
                () => slide = WholeSlideImage.Open(request.SlidePath),
                request.SlideId,
                storage.ResultDirectory(request.JobId),
                progress,
                cancellation.Token);
        }
        finally
        {
            slide?.Dispose();
        }
    }

    private async Task RecordCompletionAsync(AnalyzeSlide request, SummaryDocument summary, ConsumeContext context)
    {
        var findings = summary.FindingsBySizeClass.Values.Sum();
        var completion = new JobCompletionRequest(
            ResultFolders.NameOf(request.JobId),
            findings,
            summary.Model.Name,
            summary.Model.Version,
            summary.Model.Sha256,
            summary.ExecutionProvider);
        var completed = await webHost.CompleteAsync(request, completion, context.CancellationToken);
        if (completed is null)
        {
            // Cancelled while the last stage ran: the results will never be shown, so they go.
            ResultFolders.DeleteQuietly(storage.ResultDirectory(request.JobId));
            Log.Cancelled(logger, request.JobId, request.SlideId);
            return;
        }

        await context.Publish(completed, context.CancellationToken);
        Log.Completed(logger, request.JobId, request.SlideId, findings);
    }

    /// <summary>Publishes every progress report as a job event and stores it at the web host at each checkpoint.</summary>
    private sealed class JobProgress(
        AnalyzeSlide request,
        ConsumeContext context,
        WebHostJobsClient webHost,
        CancellationTokenSource cancellation) : IAnalysisProgressSink
    {
        public Task ReportAsync(AnalysisProgress progress) => context.Publish(new AnalysisJobEvent(
            "progress",
            request.JobId,
            request.SlideId,
            "Running",
            progress.Stage.ToString(),
            progress.FieldsDone,
            progress.FieldsTotal,
            progress.EstimatedRemaining?.TotalSeconds,
            progress.Elapsed.TotalSeconds,
            FindingCount: null,
            Message: null));

        public async Task CheckpointAsync(AnalysisProgress progress)
        {
            var report = new JobProgressRequest(progress.Stage.ToString(), progress.FieldsDone, progress.FieldsTotal);
            if (!await webHost.ReportProgressAsync(request, report, context.CancellationToken))
            {
                // The job was cancelled, and this worker missed the cancellation message or got it late.
                await cancellation.CancelAsync();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Information,
            Message = "Started analysis job {JobId} of slide {SlideId} (attempt {Attempt} here, redelivered {Redelivered})")]
        public static partial void Started(ILogger logger, Guid jobId, string slideId, int attempt, bool redelivered);

        [LoggerMessage(EventId = 801, Level = LogLevel.Information,
            Message = "Completed analysis job {JobId} of slide {SlideId} with {FindingCount} findings")]
        public static partial void Completed(ILogger logger, Guid jobId, string slideId, int findingCount);

        [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Stopped cancelled analysis job {JobId} of slide {SlideId}")]
        public static partial void Cancelled(ILogger logger, Guid jobId, string slideId);

        [LoggerMessage(EventId = 803, Level = LogLevel.Information,
            Message = "Skipped analysis job {JobId} of slide {SlideId}: the web host reports it cancelled, finished or sent again")]
        public static partial void NotWanted(ILogger logger, Guid jobId, string slideId);
    }
}
