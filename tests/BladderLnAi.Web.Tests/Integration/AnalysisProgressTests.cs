using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using BladderLnAi.Web.Analysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace BladderLnAi.Web.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class AnalysisProgressTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Analysis_RealSlide_PushesProgressThroughCompleted()
    {
        const string slideId = "cmu-1-small-region";
        var account = await factory.PathologistAsync();
        var client = account.Client;
        await using var hub = factory.CreateHubConnection(account);
        var events = new ConcurrentQueue<AnalysisJobEvent>();
        var completed = new TaskCompletionSource<AnalysisJobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<AnalysisJobEvent>(AnalysisHub.JobEventMethod, jobEvent =>
        {
            events.Enqueue(jobEvent);
            if (jobEvent.Type is "completed" or "failed" or "cancelled")
            {
                completed.TrySetResult(jobEvent);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", slideId);

        var response = await client.PostAsync($"/api/slides/{slideId}/analyses", null);
        var final = await completed.Task.WaitAsync(AnalysisTimeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(final.Type == "completed", $"analysis ended with '{final.Type}': {final.Message}");
        var types = events.Select(e => e.Type).ToList();
        Assert.Contains("started", types);
        Assert.Contains("progress", types);
        var stages = events.Where(e => e.Type == "progress").Select(e => e.Stage).Distinct().ToList();
        Assert.Contains("UniformPass", stages);
        Assert.Contains("Findings", stages);
        var fieldsDone = events.Where(e => e.Type == "progress").Select(e => e.FieldsDone).ToList();
        Assert.Equal(fieldsDone.Order(), fieldsDone);
        Assert.True(events.Any(e => e.EtaSeconds is not null), "no progress event carried an estimated time left");
        Assert.All(events, e => Assert.Equal(slideId, e.SlideId));

        var job = await client.GetFromJsonAsync<AnalysisJobEvent>($"/api/analyses/{final.JobId}");
        Assert.Equal("Completed", job!.Status);
        var summary = await client.GetAsync($"/api/analyses/{final.JobId}/files/summary.json");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var geoJson = await client.GetStringAsync($"/api/analyses/{final.JobId}/files/findings.geojson");
        Assert.Contains("FeatureCollection", geoJson);
    }

    [Fact]
    public async Task WatchSlide_UnknownSlide_RaisesHubError()
    {
        await using var hub = factory.CreateHubConnection(await factory.PathologistAsync());
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<AnalysisJobEvent?>("WatchSlide", "../secret"));

        Assert.Contains("not found", error.Message);
    }

    [Theory]
    [InlineData("../summary.json")]
    [InlineData("..%2F..%2Fbladderln.db")]
    [InlineData("composites/../../bladderln.db")]
    [InlineData("model.onnx")]
    public async Task ResultFile_OutsideOutputFormat_ReturnsNotFound(string path)
    {
        var client = (await factory.PathologistAsync()).Client;

        var response = await client.GetAsync($"/api/analyses/{Guid.NewGuid()}/files/{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_UnknownJob_ReturnsNotFound()
    {
        var client = (await factory.PathologistAsync()).Client;

        var response = await client.PostAsync($"/api/analyses/{Guid.NewGuid()}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
