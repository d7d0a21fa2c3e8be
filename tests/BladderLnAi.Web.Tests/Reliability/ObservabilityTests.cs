using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BladderLnAi.Tests;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Reliability;

/// <summary>
/// Runs alone, because the OpenTelemetry SDK exports only the first of several instruments with one name: while
/// another test host of this process is alive, a host's <c>/metrics</c> could show that host's instruments.
/// </summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Trait("Category", "Reliability")]
[Collection(nameof(ObservabilityTests))]
public sealed partial class ObservabilityTests(BladderLnAiFactory factory) : IClassFixture<BladderLnAiFactory>
{
    [Fact]
    public async Task Ready_AllComponentsWork_ReportsEachHealthy()
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync("/health/ready");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.GetProperty("status").GetString());
        Assert.Equal(["database", "model", "openslide"], checks.Keys.Order());
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
    }

    [Fact]
    public async Task Ready_BrokenModelFolder_Answers503NamingModel()
    {
        var emptyModelFolder = TestPaths.NewTempDirectory("no-model");
        await using var broken = new BladderLnAiFactory();
        var client = broken.WithWebHostBuilder(builder => builder.UseSetting("Analysis:ModelDirectory", emptyModelFolder)).CreateClient();

        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"name\":\"model\",\"status\":\"Unhealthy\"", body);
        Assert.Contains("\"name\":\"openslide\",\"status\":\"Healthy\"", body);
        Assert.DoesNotContain(emptyModelFolder, body);
    }

    [Fact]
    public async Task Metrics_RemoteAddress_IsForbidden()
    {
        await using var isolated = new BladderLnAiFactory();
        var remote = isolated.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse("203.0.113.7")))));

        var response = await remote.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_ConfiguredNetwork_MayScrape()
    {
        await using var isolated = new BladderLnAiFactory();
        var remote = isolated.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Observability:MetricsAllowedNetworks:0", "203.0.113.0/24");
            builder.ConfigureServices(services =>
                services.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse("203.0.113.7"))));
        });

        var response = await remote.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_TilesServed_CountsMissThenHit()
    {
        var client = (await factory.PathologistAsync()).Client;

        // Listens to this host's own instruments: /metrics of one host in a process with several test hosts may show
        // another host's instruments of the same name (see BladderLnAiMetrics).
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        var outcomes = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "bladderln.tile.requests")
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "cache")
                {
                    outcomes.Enqueue((string)tag.Value!);
                }
            }
        });
        listener.Start();

        // A tile that no other test requests, so the first request misses the cache and the second hits it.
        var first = await client.GetAsync("/dzi/cmu-1-small-region_files/10/2_2.jpeg");
        var second = await client.GetAsync("/dzi/cmu-1-small-region_files/10/2_2.jpeg");
        var scrape = await ScrapeAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["miss", "hit"], outcomes.ToArray());
        Assert.Contains("bladderln_tile_cache_hit_ratio", scrape);
    }

    [Fact]
    public async Task Metrics_AnalysisRuns_RecordsInferenceAndQueue()
    {
        var client = (await factory.PathologistAsync()).Client;
        var scraper = factory.CreateClient();
        var before = await ScrapeAsync(scraper);

        var queued = await client.PostAsync("/api/slides/cmu-1-small-region/analyses", null);
        var jobUrl = queued.Headers.Location!.ToString();
        var whileQueued = await ScrapeAsync(scraper);
        await WaitForFinishAsync(client, jobUrl);
        var after = await ScrapeAsync(scraper);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Contains("bladderln_analysis_queue_length{", whileQueued);
        Assert.True(Sample(after, "bladderln_inference_duration_seconds_count", "") > Sample(before, "bladderln_inference_duration_seconds_count", ""), after);
        Assert.True(Sample(after, "bladderln_analysis_duration_seconds_count", "outcome=\"completed\"") > Sample(before, "bladderln_analysis_duration_seconds_count", "outcome=\"completed\""), after);
        Assert.Equal(0, Sample(after, "bladderln_analysis_queue_length", "state=\"running\""));
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Returns the sum of the samples of a metric whose labels contain <paramref name="label"/>, or 0 when it has none.</summary>
    private static double Sample(string exposition, string metric, string label) =>
        SampleLine().Matches(exposition)
            .Where(match => match.Groups["name"].Value == metric && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    private static async Task WaitForFinishAsync(HttpClient client, string jobUrl)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var job = await client.GetStringAsync(jobUrl);
            if (job.Contains("\"status\":\"Completed\"", StringComparison.Ordinal))
            {
                return;
            }

            Assert.DoesNotContain("\"status\":\"Failed\"", job);
            await Task.Delay(200);
        }

        throw new TimeoutException($"Job {jobUrl} did not complete within 3 minutes.");
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    /// <summary>Gives every in-memory request one client address.</summary>
    private sealed class FixedClientAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
