namespace BladderLnAi.Worker;

/// <summary>Settings of an analysis worker (configuration section <c>Worker</c>).</summary>
public sealed record WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Address of the web host (or of the load balancer in front of the web hosts), such as <c>https://bladderln.example.org/</c>.</summary>
    public string WebHostUrl { get; init; } = "";

    /// <summary>OpenID Connect client id of the workers, registered with the AnalysisWorker role. Defaults to <c>analysis-worker</c>.</summary>
    public string ClientId { get; init; } = "analysis-worker";

    /// <summary>Secret of that client; set it in the environment (<c>Worker__ClientSecret</c>), not in the file.</summary>
    public string ClientSecret { get; init; } = "";

    /// <summary>Analyses run at once on this worker's inference device. Defaults to 1.</summary>
    public int JobsPerDevice { get; init; } = 1;

    /// <summary>Attempts at one analysis request before it goes to the error queue and the job fails. Defaults to 3.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Seconds between two attempts. Defaults to 5.</summary>
    public int RetryDelaySeconds { get; init; } = 5;

    /// <summary>Name of this worker in job records and logs. Defaults to the host name and process id.</summary>
    public string Name { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <exception cref="InvalidOperationException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (!Uri.TryCreate(WebHostUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException(
                $"Worker:WebHostUrl '{WebHostUrl}' is not an http or https address; set it to the web host's address.");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            throw new InvalidOperationException(
                $"Worker:ClientSecret is empty; set it to the secret of OpenID Connect client '{ClientId}', "
                + "for example with the environment variable Worker__ClientSecret.");
        }

        if (JobsPerDevice is < 1 or > 64)
        {
            throw new InvalidOperationException($"Worker:JobsPerDevice {JobsPerDevice} is out of range; use 1 to 64.");
        }

        if (Attempts is < 1 or > 20)
        {
            throw new InvalidOperationException($"Worker:Attempts {Attempts} is out of range; use 1 to 20.");
        }

        if (RetryDelaySeconds is < 0 or > 3600)
        {
            throw new InvalidOperationException($"Worker:RetryDelaySeconds {RetryDelaySeconds} is out of range; use 0 to 3600.");
        }
    }
}
