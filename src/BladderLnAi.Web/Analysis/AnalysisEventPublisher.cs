using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Sends job events to SignalR clients watching the slide and to in-process subscribers (Blazor circuits). With a
/// message bus, events go through the bus first, so that every web host hears the events of every worker and host:
/// <see cref="Workers.JobEventHubRelay"/> pushes each event to SignalR once (the Redis backplane reaches the clients
/// of every host), and <see cref="Workers.JobEventCircuitRelay"/> raises it on each host for its own circuits.
/// </summary>
public sealed partial class AnalysisEventPublisher(
    IHubContext<AnalysisHub> hub,
    ILogger<AnalysisEventPublisher> logger,
    IBus? bus = null)
{
    /// <summary>Raised for every job event; handlers must return quickly and must not throw.</summary>
    public event Action<AnalysisJobEvent>? Published;

    public async Task PublishAsync(AnalysisJobEvent jobEvent)
    {
        if (bus is null)
        {
            RaiseLocally(jobEvent);
            await PushToHubAsync(jobEvent);
            return;
        }

        try
        {
            await bus.Publish(jobEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As with a failed push, viewers read the state again when they reconnect or reload.
            Log.PushFailed(logger, ex, jobEvent.JobId, jobEvent.SlideId, jobEvent.Type);
        }
    }

    /// <summary>Raises the event for this host's Blazor circuits.</summary>
    public void RaiseLocally(AnalysisJobEvent jobEvent) => Published?.Invoke(jobEvent);

    /// <summary>Sends the event to the SignalR clients watching its slide, on every host that shares the backplane.</summary>
    public async Task PushToHubAsync(AnalysisJobEvent jobEvent)
    {
        try
        {
            await hub.Clients.Group(AnalysisHub.GroupName(jobEvent.SlideId))
                .SendAsync(AnalysisHub.JobEventMethod, jobEvent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed push must not fail the analysis; clients re-read the state when they reconnect.
            Log.PushFailed(logger, ex, jobEvent.JobId, jobEvent.SlideId, jobEvent.Type);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Warning,
            Message = "Could not push {EventType} event of job {JobId} of slide {SlideId} to SignalR clients; they will read the state on reconnect")]
        public static partial void PushFailed(ILogger logger, Exception exception, Guid jobId, string slideId, string eventType);
    }
}
