namespace BladderLnAi.Jobs.Messaging;

/// <summary>How analysis requests and job events travel between hosts (configuration section <c>Messaging</c>).</summary>
public sealed record MessagingOptions
{
    public const string SectionName = "Messaging";

    public const string InProcess = "InProcess";

    public const string RabbitMq = "RabbitMQ";

    /// <summary>
    /// <c>InProcess</c> (the web host runs every analysis itself, no broker) or <c>RabbitMQ</c> (separate workers
    /// take analyses from a queue). Defaults to <c>InProcess</c>.
    /// </summary>
    public string Transport { get; init; } = InProcess;

    /// <summary>RabbitMQ broker address such as <c>rabbitmq://localhost:5672/</c>, with the virtual host as path.</summary>
    public string RabbitMqHost { get; init; } = "rabbitmq://localhost:5672/";

    /// <summary>RabbitMQ user name. Defaults to <c>guest</c>, which RabbitMQ accepts only from the broker's own host.</summary>
    public string RabbitMqUsername { get; init; } = "guest";

    public string RabbitMqPassword { get; init; } = "guest";

    public bool UsesRabbitMq => string.Equals(Transport, RabbitMq, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="InvalidOperationException">The transport or the broker address is invalid.</exception>
    public void Validate()
    {
        if (!UsesRabbitMq && !string.Equals(Transport, InProcess, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Messaging:Transport '{Transport}' is not supported; use '{InProcess}' or '{RabbitMq}'.");
        }

        if (UsesRabbitMq && !Uri.TryCreate(RabbitMqHost, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException(
                $"Messaging:RabbitMqHost '{RabbitMqHost}' is not an absolute address; use for example 'rabbitmq://localhost:5672/'.");
        }
    }
}

/// <summary>Names of the RabbitMQ queues that the hosts share.</summary>
public static class QueueNames
{
    /// <summary>Analysis requests, taken by the workers one at a time each; failed requests end in <c>analyze-slide_error</c>.</summary>
    public const string AnalyzeSlide = "analyze-slide";

    /// <summary>Job events, taken by one web host each, which pushes them to browsers through the SignalR backplane.</summary>
    public const string AnalysisEvents = "analysis-events";

    /// <summary>Analysis requests that failed on every attempt, taken by one web host each to mark the job failed.</summary>
    public const string AnalysisFaults = "analysis-faults";

    /// <summary>The error queue that MassTransit moves a request to after its last failed attempt.</summary>
    public const string AnalyzeSlideErrors = AnalyzeSlide + "_error";
}
