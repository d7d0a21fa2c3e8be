using BladderLnAi.Jobs.Messages;
using BladderLnAi.Jobs.Running;
using MassTransit;

namespace BladderLnAi.Worker;

/// <summary>Stops a job that this worker runs when the web host cancels it. Every worker receives every request.</summary>
public sealed partial class CancelAnalysisConsumer(RunningJobs running, ILogger<CancelAnalysisConsumer> logger)
    : IConsumer<CancelAnalysis>
{
    public async Task Consume(ConsumeContext<CancelAnalysis> context)
    {
        if (await running.CancelAsync(context.Message.JobId))
        {
            Log.Cancelling(logger, context.Message.JobId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "Cancelling analysis job {JobId} at the web host's request")]
        public static partial void Cancelling(ILogger logger, Guid jobId);
    }
}
