using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BladderLnAi.Benchmarks.Tiles;

namespace BladderLnAi.Benchmarks.Load;

/// <summary>
/// Starts the real web host on loopback, queues an analysis of every slide, and lets simulated viewers pan and zoom
/// over all slides for a fixed time while the analyses run. Prints one summary line: errors, tile latency, peak
/// resident memory of the server and how the analyses ended.
/// </summary>
public static partial class LoadTest
{
    private static readonly TimeSpan AnalysisGrace = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        await using var server = new BladderLnAiServer(options.SlideFolders);
        var session = await ServerSession.StartAsync(server);
        using var handler = new SocketsHttpHandler { UseCookies = false };
        using var http = session.CreateClient(handler);
        var slides = await DescribeSlidesAsync(http);
        var jobs = await QueueAnalysesAsync(http, slides);
        var viewers = RepeatSessions(RequestPlans.ViewingSessions(slides, options.Viewers, LoadOptions.StepsPerSlide, int.MaxValue));

        PassResult pass;
        long peakResidentBytes;
        await using (var sampler = new ResidentSetSampler(server))
        {
            pass = await LoadDriver.RunPerClientAsync(session, viewers, options.Duration);
            peakResidentBytes = sampler.PeakBytes;
        }

        var analysesDuringLoad = await ReadJobStatusesAsync(http, jobs);
        var analyses = await WaitForAnalysesAsync(http, jobs);
        var hitRatio = await ReadHitRatioAsync(http);
        var failedAnalyses = analyses.Count(status => status != "Completed");
        var errors = pass.Failed + failedAnalyses;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"load: viewers={options.Viewers} slides={slides.Count} seconds={options.Duration.TotalSeconds:0} "
            + $"tiles={pass.Completed} errors={errors} tiles_per_s={pass.TilesPerSecond:0.0} p50_ms={pass.P50:0.0} "
            + $"p95_ms={pass.P95:0.0} p99_ms={pass.Percentile(0.99):0.0} peak_rss_mib={peakResidentBytes / 1048576.0:0} "
            + $"cache_hit_ratio={hitRatio:0.00} analyses_running_or_done_during_load={analysesDuringLoad.Count(s => s is "Running" or "Completed")}/{jobs.Count} "
            + $"analyses_completed={analyses.Count - failedAnalyses}/{jobs.Count}"));
        if (pass.FirstFailure is not null || failedAnalyses > 0)
        {
            Console.Error.WriteLine($"First tile failure: {pass.FirstFailure ?? "none"}; analysis outcomes: {string.Join(", ", analyses)}");
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>Repeats each viewer's session until it contains <see cref="LoadOptions.MaxRequestsPerViewer"/> requests.</summary>
    private static List<IReadOnlyList<string>> RepeatSessions(List<List<string>> sessions) =>
        sessions.Select(session => (IReadOnlyList<string>)Enumerable.Repeat(session, LoadOptions.MaxRequestsPerViewer / Math.Max(1, session.Count) + 1)
            .SelectMany(requests => requests)
            .Take(LoadOptions.MaxRequestsPerViewer)
            .ToList())
            .ToList();

    private static async Task<List<SlidePyramid>> DescribeSlidesAsync(HttpClient http)
    {
        var listed = await http.GetFromJsonAsync<List<JsonElement>>("api/slides")
            ?? throw new InvalidOperationException("The server returned no slide list.");
        var slides = new List<SlidePyramid>();
        foreach (var slide in listed)
        {
            var id = slide.GetProperty("id").GetString()!;
            var layout = SlidePyramid.ParseDescriptor(await http.GetStringAsync($"dzi/{id}.dzi"), "bladderlnai");
            slides.Add(new SlidePyramid(id, slide.GetProperty("fileName").GetString()!, layout));
        }

        return slides.Count > 0 ? slides : throw new InvalidOperationException("The server lists no slides.");
    }

    private static async Task<List<string>> QueueAnalysesAsync(HttpClient http, IEnumerable<SlidePyramid> slides)
    {
        var jobs = new List<string>();
        foreach (var slide in slides)
        {
            using var response = await http.PostAsync($"api/slides/{slide.Id}/analyses", null);
            response.EnsureSuccessStatusCode();
            jobs.Add(response.Headers.Location!.ToString().TrimStart('/'));
        }

        return jobs;
    }

    private static async Task<List<string>> ReadJobStatusesAsync(HttpClient http, IEnumerable<string> jobs)
    {
        var statuses = new List<string>();
        foreach (var job in jobs)
        {
            var state = await http.GetFromJsonAsync<JsonElement>(job);
            statuses.Add(state.GetProperty("status").GetString()!);
        }

        return statuses;
    }

    /// <summary>Waits until every analysis has ended, at most <see cref="AnalysisGrace"/>, and returns their statuses.</summary>
    private static async Task<List<string>> WaitForAnalysesAsync(HttpClient http, List<string> jobs)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(AnalysisGrace.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var statuses = await ReadJobStatusesAsync(http, jobs);
            if (statuses.All(status => status is "Completed" or "Failed" or "Cancelled" or "Interrupted")
                || Stopwatch.GetTimestamp() > deadline)
            {
                return statuses;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Reads the tile cache hit ratio from the server's Prometheus endpoint, or NaN when it is missing.</summary>
    private static async Task<double> ReadHitRatioAsync(HttpClient http)
    {
        var exposition = await http.GetStringAsync("metrics");
        var match = HitRatioLine().Match(exposition);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    [GeneratedRegex(@"^bladderln_tile_cache_hit_ratio\{[^}]*\} ([-+0-9.eE]+)", RegexOptions.Multiline)]
    private static partial Regex HitRatioLine();
}
