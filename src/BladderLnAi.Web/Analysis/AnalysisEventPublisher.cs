using Microsoft.AspNetCore.SignalR;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Sends job events to SignalR clients watching the slide and to in-process subscribers (Blazor circuits).
/// </summary>
public sealed partial class AnalysisEventPublisher(IHubContext<AnalysisHub> hub, ILogger<AnalysisEventPublisher> logger)
{
    /// <summary>Raised for every job event; handlers must return quickly and must not throw.</summary>
    public event Action<AnalysisJobEvent>? Published;

    public async Task PublishAsync(AnalysisJobEvent jobEvent)
    {
        Published?.Invoke(jobEvent);
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
