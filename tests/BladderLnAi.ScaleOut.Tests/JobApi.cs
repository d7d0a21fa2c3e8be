using System.Net.Http.Json;

namespace BladderLnAi.ScaleOut.Tests;

/// <summary>The analysis routes of a web host, as a signed-in browser or API client calls them.</summary>
public static class JobApi
{
    public static async Task<AnalysisJobEvent> RequestAsync(HttpClient client, string slideId)
    {
        using var response = await client.PostAsync($"api/slides/{slideId}/analyses", null);
        Assert.True(response.IsSuccessStatusCode, $"Requesting an analysis of {slideId} answered {(int)response.StatusCode}.");
        return (await response.Content.ReadFromJsonAsync<AnalysisJobEvent>())!;
    }

    public static async Task<AnalysisJobEvent> GetAsync(HttpClient client, Guid jobId) =>
        (await client.GetFromJsonAsync<AnalysisJobEvent>($"api/analyses/{jobId}"))!;

    /// <summary>Polls the job until its status is one of <paramref name="statuses"/>, and returns it.</summary>
    public static async Task<AnalysisJobEvent> WaitForStatusAsync(
        HttpClient client,
        Guid jobId,
        TimeSpan timeout,
        Func<string> logs,
        params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        AnalysisJobEvent job;
        do
        {
            job = await GetAsync(client, jobId);
            if (statuses.Contains(job.Status))
            {
                return job;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException(
            $"Job {jobId} is {job.Status} after {timeout.TotalSeconds} s, not {string.Join(" or ", statuses)}:\n{logs()}");
    }
}
