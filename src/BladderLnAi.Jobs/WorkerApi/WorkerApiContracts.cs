namespace BladderLnAi.Jobs.WorkerApi;

/// <summary>Routes of the web host that analysis workers call, with the header that carries the job ticket.</summary>
public static class WorkerApiRoutes
{
    public const string Jobs = "/api/worker/jobs";

    public const string TicketHeader = "X-Job-Ticket";

    public static string Start(Guid jobId) => $"{Jobs}/{jobId}/start";

    public static string Progress(Guid jobId) => $"{Jobs}/{jobId}/progress";

    public static string Complete(Guid jobId) => $"{Jobs}/{jobId}/complete";
}

/// <summary>A worker takes a job; <paramref name="Worker"/> names the worker process in the job record and logs.</summary>
public sealed record JobStartRequest(string Worker);

public sealed record JobProgressRequest(string Stage, int FieldsDone, int FieldsTotal);

/// <summary>The outcome of a completed job, after its result folder is in place on the shared storage.</summary>
public sealed record JobCompletionRequest(
    string ResultFolder,
    int FindingCount,
    string ModelName,
    string ModelVersion,
    string ModelSha256,
    string ExecutionProvider);
