using System.Collections.Concurrent;
using System.Net;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Tests;
using BladderLnAi.Web.Analysis;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class JobRecoveryTests
{
    [Fact]
    public async Task Start_JobLeftRunning_IsMarkedInterruptedAndCanBeRetried()
    {
        var dataDirectory = TestPaths.NewTempDirectory("recovery");
        var jobId = Guid.NewGuid();
        await using (var first = BladderLnAiFactory.ForDataDirectory(dataDirectory))
        {
            first.CreateClient();
            await using var database = await CreateDatabaseAsync(first);
            database.AnalysisJobs.Add(new AnalysisJob
            {
                Id = jobId,
                SlideId = "cmu-1-16x16",
                SlideFileName = "CMU-1-16x16.svs",
                SiteId = null,
                Status = AnalysisJobStatus.Running,
                Stage = "UniformPass",
            });
            await database.SaveChangesAsync();
        }

        await using var second = BladderLnAiFactory.ForDataDirectory(dataDirectory);
        var client = (await second.PathologistAsync()).Client;
        var interrupted = await WaitForStatusAsync(second, jobId, AnalysisJobStatus.Interrupted);
        var retry = await client.PostAsync($"/api/analyses/{jobId}/retry", null);
        var retried = await WaitForStatusAsync(second, jobId, AnalysisJobStatus.Completed);

        Assert.Contains("Retry", interrupted.Error);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(interrupted.Attempts + 1, retried.Attempts);
    }

    [Fact]
    public async Task Cancel_RunningAnalysis_EndsCancelledAndKeepsNoResults()
    {
        await using var factory = new BladderLnAiFactory();
        var account = await factory.PathologistAsync();
        var client = account.Client;
        await using var hub = factory.CreateHubConnection(account);
        var events = new ConcurrentQueue<AnalysisJobEvent>();
        var finished = new TaskCompletionSource<AnalysisJobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<AnalysisJobEvent>(AnalysisHub.JobEventMethod, async jobEvent =>
        {
            events.Enqueue(jobEvent);
            if (jobEvent.Type == "progress" && jobEvent.Stage == "FieldReading")
            {
                await client.PostAsync($"/api/analyses/{jobEvent.JobId}/cancel", null);
            }

            if (jobEvent.Type is "completed" or "failed" or "cancelled")
            {
                finished.TrySetResult(jobEvent);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", "cmu-1-small-region");

        await client.PostAsync("/api/slides/cmu-1-small-region/analyses", null);
        var final = await finished.Task.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("cancelled", final.Type);
        Assert.Equal("Cancelled", final.Status);
        var files = await client.GetAsync($"/api/analyses/{final.JobId}/files/summary.json");
        Assert.Equal(HttpStatusCode.NotFound, files.StatusCode);
    }

    private static async Task<BladderLnAiDbContext> CreateDatabaseAsync(BladderLnAiFactory factory)
    {
        var databases = factory.Services.GetRequiredService<IDbContextFactory<BladderLnAiDbContext>>();
        return await databases.CreateDbContextAsync();
    }

    private static async Task<AnalysisJob> WaitForStatusAsync(BladderLnAiFactory factory, Guid jobId, AnalysisJobStatus status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            await using var database = await CreateDatabaseAsync(factory);
            var job = await database.AnalysisJobs.AsNoTracking().FirstAsync(j => j.Id == jobId);
            if (job.Status == status)
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Job {jobId} did not reach status {status} within 3 minutes.");
    }
}
