using System.Collections.Concurrent;
using System.Net;
using System.Text;
using BladderLnAi.Jobs.Messaging;
using BladderLnAi.Web.Analysis;
using Microsoft.AspNetCore.SignalR.Client;
using RabbitMQ.Client;

namespace BladderLnAi.ScaleOut.Tests;

/// <summary>
/// Two web hosts and two analysis workers against real RabbitMQ, Redis and PostgreSQL servers. Progress crosses
/// hosts, a killed worker's job finishes elsewhere, and rows written through one host read back through the other.
/// A job that always fails lands in the error queue.
/// </summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class ScaleOutTests(ScaleOutCluster cluster)
{
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(4);

    [ScaleOutFact]
    public async Task Progress_RequestedOnHostOne_ReachesViewerOnHostTwo()
    {
        // Arrange: a viewer on web host 2 watches the slide.
        var (requester, _) = await cluster.SignInAsync(0);
        var (_, viewerCookies) = await cluster.SignInAsync(1);
        await using var hub = await cluster.ConnectHubAsync(1, viewerCookies);
        var events = new ConcurrentQueue<AnalysisJobEvent>();
        var completed = new TaskCompletionSource<AnalysisJobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<AnalysisJobEvent>(AnalysisHub.JobEventMethod, jobEvent =>
        {
            events.Enqueue(jobEvent);
            if (jobEvent.Type is "completed" or "failed")
            {
                completed.TrySetResult(jobEvent);
            }
        });
        await hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", ScaleOutCluster.SlideCopies[0]);

        // Act: the analysis is requested on web host 1.
        var queued = await JobApi.RequestAsync(requester, ScaleOutCluster.SlideCopies[0]);
        var finished = await completed.Task.WaitAsync(AnalysisTimeout);

        // Assert
        var types = events.Where(e => e.JobId == queued.JobId).Select(e => e.Type).ToList();
        Assert.True(finished.Type == "completed", $"The job ended with {finished.Type}: {finished.Message}\n{cluster.Logs}");
        Assert.Contains("queued", types);
        Assert.Contains("started", types);
        Assert.Contains("progress", types);
        Assert.True(types.IndexOf("started") < types.LastIndexOf("progress"), $"Events out of order: {string.Join(", ", types)}");
        Assert.Equal("completed", types[^1]);
        Assert.True(finished.FindingCount is not null, "The completed event carries no finding count.");
    }

    [ScaleOutFact]
    public async Task KilledWorker_JobFinishesOnOtherWorker()
    {
        var (client, _) = await cluster.SignInAsync(0);
        var queued = await JobApi.RequestAsync(client, ScaleOutCluster.SlideCopies[1]);
        var started = $"Started analysis job {queued.JobId}";

        // Act: the worker that took the job dies with SIGKILL while the job runs.
        var holder = await WorkerThatLogsAsync(started, TimeSpan.FromMinutes(2));
        var survivor = cluster.Workers.Single(worker => worker != holder);
        await holder.KillAsync();
        Assert.Equal("Running", (await JobApi.GetAsync(client, queued.JobId)).Status);
        var finished = await JobApi.WaitForStatusAsync(
            client, queued.JobId, AnalysisTimeout, () => cluster.Logs, "Completed", "Failed", "Cancelled");

        // Assert: the broker redelivered the request to the other worker, which finished the job.
        Assert.True(finished.Status == "Completed", $"The job ended {finished.Status}: {finished.Message}\n{cluster.Logs}");
        Assert.Contains($"{started} of slide {ScaleOutCluster.SlideCopies[1]} (attempt 1 here, redelivered True)", survivor.Log);
        Assert.Contains($"Completed analysis job {queued.JobId}", survivor.Log);
        Assert.DoesNotContain($"Completed analysis job {queued.JobId}", holder.Log);
        using var summary = await client.GetAsync($"api/analyses/{queued.JobId}/files/summary.json");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.True(
            File.Exists(Path.Combine(cluster.DataDirectory, "analyses", queued.JobId.ToString("N"), "summary.json")),
            "The result folder is not on the shared storage.");

        await cluster.ReplaceWorkerAsync(holder);
    }

    [ScaleOutFact]
    public async Task Cancel_OnOtherHost_StopsRunningWorker()
    {
        var (hostOne, _) = await cluster.SignInAsync(0);
        var (hostTwo, _) = await cluster.SignInAsync(1);
        var queued = await JobApi.RequestAsync(hostOne, ScaleOutCluster.SlideCopies[4]);
        var holder = await WorkerThatLogsAsync($"Started analysis job {queued.JobId}", TimeSpan.FromMinutes(2));

        // Act: the job is cancelled through the other web host while a worker runs it.
        using var cancel = await hostTwo.PostAsync($"api/analyses/{queued.JobId}/cancel", null);
        await holder.WaitForLogAsync($"Stopped cancelled analysis job {queued.JobId}", TimeSpan.FromMinutes(1));

        // Assert: the job stays cancelled, and no result folder appears.
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("Cancelled", (await JobApi.GetAsync(hostOne, queued.JobId)).Status);
        Assert.DoesNotContain($"Completed analysis job {queued.JobId}", cluster.Logs);
        Assert.False(
            Directory.Exists(Path.Combine(cluster.DataDirectory, "analyses", queued.JobId.ToString("N"))),
            "A cancelled job left a result folder.");
    }

    [ScaleOutFact]
    public async Task Rows_WrittenThroughOneHost_ReadBackThroughOther()
    {
        var (hostOne, _) = await cluster.SignInAsync(0);
        var (hostTwo, _) = await cluster.SignInAsync(1);

        // A job written through host 1 reads back through host 2, field by field.
        var queued = await JobApi.RequestAsync(hostOne, ScaleOutCluster.SlideCopies[2]);
        var seenOnTwo = await JobApi.GetAsync(hostTwo, queued.JobId);
        Assert.Equal(queued.JobId, seenOnTwo.JobId);
        Assert.Equal(queued.SlideId, seenOnTwo.SlideId);

        // A cancellation written through host 2 reads back through host 1, and stops the job wherever it runs.
        using var cancel = await hostTwo.PostAsync($"api/analyses/{queued.JobId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("Cancelled", (await JobApi.GetAsync(hostOne, queued.JobId)).Status);

        // A retry written through host 1 reads back through host 2, and the job then completes.
        using var retry = await hostOne.PostAsync($"api/analyses/{queued.JobId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var finished = await JobApi.WaitForStatusAsync(
            hostTwo, queued.JobId, AnalysisTimeout, () => cluster.Logs, "Completed", "Failed", "Cancelled");
        Assert.True(finished.Status == "Completed", $"The retried job ended {finished.Status}: {finished.Message}\n{cluster.Logs}");
        var finishedOnOne = await JobApi.GetAsync(hostOne, queued.JobId);
        Assert.Equal(finished, finishedOnOne);

        // The latest job of the slide, its result files and the slide list agree on both hosts.
        Assert.Equal(
            await hostOne.GetStringAsync($"api/slides/{queued.SlideId}/analyses/latest"),
            await hostTwo.GetStringAsync($"api/slides/{queued.SlideId}/analyses/latest"));
        Assert.Equal(
            await hostOne.GetByteArrayAsync($"api/analyses/{queued.JobId}/files/heatmap.png"),
            await hostTwo.GetByteArrayAsync($"api/analyses/{queued.JobId}/files/heatmap.png"));
        Assert.Equal(await hostOne.GetStringAsync("api/slides"), await hostTwo.GetStringAsync("api/slides"));
    }

    [ScaleOutFact]
    public async Task FailingJob_EndsInErrorQueue_AndShowsFailed()
    {
        var (client, _) = await cluster.SignInAsync(0);
        var (_, viewerCookies) = await cluster.SignInAsync(1);
        await using var hub = await cluster.ConnectHubAsync(1, viewerCookies);
        var failedEvent = new TaskCompletionSource<AnalysisJobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<AnalysisJobEvent>(AnalysisHub.JobEventMethod, jobEvent =>
        {
            if (jobEvent.Type == "failed")
            {
                failedEvent.TrySetResult(jobEvent);
            }
        });
        await hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", ScaleOutCluster.BrokenSlide);
        cluster.BreakSlide();

        var queued = await JobApi.RequestAsync(client, ScaleOutCluster.BrokenSlide);
        var failed = await JobApi.WaitForStatusAsync(
            client, queued.JobId, TimeSpan.FromMinutes(2), () => cluster.Logs, "Failed", "Completed", "Cancelled");

        Assert.Equal("Failed", failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Message), "The failed job shows no reason.");
        Assert.Contains("broken.svs", failed.Message);
        var pushed = await failedEvent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(queued.JobId, pushed.JobId);
        Assert.True(await ErrorQueueHoldsAsync(queued.JobId), $"No message of job {queued.JobId} in {QueueNames.AnalyzeSlideErrors}.");
        var attempts = cluster.Workers.Sum(worker => CountOf(worker.Log, $"Started analysis job {queued.JobId}"));
        Assert.True(attempts >= 2, $"The job was attempted {attempts} times, not at least twice.\n{cluster.Logs}");
    }

    private async Task<HostProcess> WorkerThatLogsAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var holder = cluster.Workers.FirstOrDefault(worker => worker.Log.Contains(text, StringComparison.Ordinal));
            if (holder is not null)
            {
                return holder;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No worker logged '{text}' within {timeout.TotalSeconds} s:\n{cluster.Logs}");
    }

    private static async Task<bool> ErrorQueueHoldsAsync(Guid jobId)
    {
        var factory = new ConnectionFactory { Uri = new Uri("amqp://guest:guest@127.0.0.1:5672/") };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var found = false;
        var deliveryTags = new List<ulong>();
        while (await channel.BasicGetAsync(QueueNames.AnalyzeSlideErrors, autoAck: false) is { } message)
        {
            deliveryTags.Add(message.DeliveryTag);
            found |= Encoding.UTF8.GetString(message.Body.Span).Contains(jobId.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        // The messages go back into the error queue, where an operator would find them.
        foreach (var tag in deliveryTags)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true);
        }

        return found;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
