using System.Net;
using System.Net.Http.Json;
using BladderLnAi.Jobs.Messages;
using BladderLnAi.Jobs.WorkerApi;

namespace BladderLnAi.Worker;

/// <summary>The web host's worker routes, called with the worker's access token and the job's ticket.</summary>
public sealed class WebHostJobsClient(HttpClient http, WorkerOptions options)
{
    /// <summary>Takes the job. Returns null when the web host no longer wants it run (cancelled, finished or re-sent).</summary>
    public Task<AnalysisJobEvent?> StartAsync(AnalyzeSlide request, CancellationToken cancellationToken) =>
        PostAsync(WorkerApiRoutes.Start(request.JobId), request.Ticket, new JobStartRequest(options.Name), cancellationToken);

    /// <summary>Stores the job's progress. Returns false when the job was cancelled and the worker should stop.</summary>
    public async Task<bool> ReportProgressAsync(AnalyzeSlide request, JobProgressRequest progress, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(WorkerApiRoutes.Progress(request.JobId), request.Ticket, progress, cancellationToken);
        return await IsAcceptedAsync(response, cancellationToken);
    }

    /// <summary>Records the completed job. Returns null when it was cancelled meanwhile.</summary>
    public Task<AnalysisJobEvent?> CompleteAsync(AnalyzeSlide request, JobCompletionRequest completion, CancellationToken cancellationToken) =>
        PostAsync(WorkerApiRoutes.Complete(request.JobId), request.Ticket, completion, cancellationToken);

    private async Task<AnalysisJobEvent?> PostAsync<TBody>(string path, string ticket, TBody body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, ticket, body, cancellationToken);
        return await IsAcceptedAsync(response, cancellationToken)
            ? await response.Content.ReadFromJsonAsync<AnalysisJobEvent>(cancellationToken)
            : null;
    }

    private async Task<HttpResponseMessage> SendAsync<TBody>(string path, string ticket, TBody body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(WorkerApiRoutes.TicketHeader, ticket);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Returns true for success and false for 404 (unknown job or a ticket replaced by a retry) and 409 (the job
    /// was cancelled or has finished). Any other status is an error, so the request is attempted again.
    /// </summary>
    private static async Task<bool> IsAcceptedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            $"The web host returned {(int)response.StatusCode} for {response.RequestMessage?.RequestUri}: {body}",
            null,
            response.StatusCode);
    }
}
