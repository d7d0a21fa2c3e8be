using BladderLnAi.Data.Jobs;
using BladderLnAi.Jobs.Messages;
using BladderLnAi.Jobs.Messaging;
using MassTransit;

namespace BladderLnAi.Web.Analysis.Dispatch;

/// <summary>Sends jobs to the analysis workers' RabbitMQ queue and cancellations to every worker.</summary>
public sealed class BusAnalysisDispatcher(IBus bus) : IAnalysisDispatcher
{
    private static readonly Uri AnalyzeSlideQueue = new($"queue:{QueueNames.AnalyzeSlide}");

    public bool RunsJobsInProcess => false;

    public async Task DispatchAsync(AnalysisJob job, string slidePath, string ticket, CancellationToken cancellationToken)
    {
        // Sent to the queue itself rather than published, so that a request made before any worker has started
        // waits in the queue instead of being dropped by an exchange with no binding.
        // NOTE: the job row is saved before this send and there is no outbox. A broker outage between the two
        // leaves the job queued with no message, and only cancelling and retrying the job sends a new one.
        var endpoint = await bus.GetSendEndpoint(AnalyzeSlideQueue);
        var request = new AnalyzeSlide(job.Id, job.SlideId, job.SlideFileName, slidePath, ticket, DateTime.UtcNow);
        await endpoint.Send(request, cancellationToken);
    }

    public async Task<bool> SignalCancelAsync(Guid jobId)
    {
        await bus.Publish(new CancelAnalysis(jobId));
        return true;
    }
}
