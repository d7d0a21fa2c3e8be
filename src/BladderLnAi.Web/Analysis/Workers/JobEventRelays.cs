using BladderLnAi.Jobs.Messages;
using MassTransit;

namespace BladderLnAi.Web.Analysis.Workers;

/// <summary>
/// Takes job events from the shared <c>analysis-events</c> queue (one web host gets each event) and pushes them to
/// SignalR, whose Redis backplane delivers them to the watchers on every host.
/// </summary>
public sealed class JobEventHubRelay(AnalysisEventPublisher publisher) : IConsumer<AnalysisJobEvent>
{
    public Task Consume(ConsumeContext<AnalysisJobEvent> context) => publisher.PushToHubAsync(context.Message);
}

/// <summary>
/// Takes every job event from this host's own temporary queue and raises it for the Blazor circuits of this host,
/// which the SignalR backplane does not reach.
/// </summary>
public sealed class JobEventCircuitRelay(AnalysisEventPublisher publisher) : IConsumer<AnalysisJobEvent>
{
    public Task Consume(ConsumeContext<AnalysisJobEvent> context)
    {
        publisher.RaiseLocally(context.Message);
        return Task.CompletedTask;
    }
}
