using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Analysis.Workers;

/// <summary>
/// Marks a job failed, with the worker's error, when its analysis request failed on every attempt and MassTransit
/// moved it to the <c>analyze-slide_error</c> queue. One web host takes each fault from the shared queue.
/// </summary>
public sealed partial class AnalysisFaultConsumer(
    IDbContextFactory<BladderLnAiDbContext> databases,
    AnalysisEventPublisher events,
    ILogger<AnalysisFaultConsumer> logger) : IConsumer<Fault<AnalyzeSlide>>
{
    public async Task Consume(ConsumeContext<Fault<AnalyzeSlide>> context)
    {
        var request = context.Message.Message;
        var reason = context.Message.Exceptions.FirstOrDefault()?.Message ?? "The analysis failed on every attempt.";
        await using var database = await databases.CreateDbContextAsync(context.CancellationToken);
        var job = await database.AnalysisJobs.FirstOrDefaultAsync(j => j.Id == request.JobId, context.CancellationToken);

        // A fault of an older request (the job was retried since, with a new ticket) or of a finished job changes nothing.
        if (job is null || job.IsFinished || !Jobs.WorkerApi.JobTickets.Matches(request.Ticket, job.TicketHash))
        {
            return;
        }

        job.Status = AnalysisJobStatus.Failed;
        job.Error = reason.Length > 4000 ? reason[..4000] : reason;
        job.FinishedUtc = DateTime.UtcNow;
        job.Version = Guid.NewGuid();
        await database.SaveChangesAsync(context.CancellationToken);
        Log.Failed(logger, job.Id, job.SlideId, job.Attempts, reason);
        await events.PublishAsync(AnalysisJobEvent.From("failed", job));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 702, Level = LogLevel.Error,
            Message = "Analysis job {JobId} of slide {SlideId} failed on every attempt ({Attempts}) and is in the error queue: {Reason}")]
        public static partial void Failed(ILogger logger, Guid jobId, string slideId, int attempts, string reason);
    }
}
