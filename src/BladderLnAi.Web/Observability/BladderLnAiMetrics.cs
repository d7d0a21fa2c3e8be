using System.Diagnostics.Metrics;
using BladderLnAi.Data;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Web.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Observability;

/// <summary>
/// The product's OpenTelemetry instruments on the meter <see cref="MeterName"/>: tile latency and cache use, the
/// analysis queue, analysis and inference time. <c>/metrics</c> exports them in the Prometheus text format.
/// </summary>
/// <remarks>
/// NOTE: the OpenTelemetry SDK (1.21) exports only the first of several instruments with the same name, so with two
/// hosts in one process, as in tests, a host's <c>/metrics</c> can show the other host's figures.
/// </remarks>
public sealed partial class BladderLnAiMetrics
{
    public const string MeterName = "BladderLnAi";

    private readonly Histogram<double> _tileDuration;
    private readonly Counter<long> _tileRequests;
    private readonly Histogram<double> _inferenceDuration;
    private readonly Histogram<double> _analysisDuration;
    private readonly SlideService _slides;
    private readonly IDbContextFactory<BladderLnAiDbContext> _databases;
    private readonly ILogger<BladderLnAiMetrics> _logger;

    public BladderLnAiMetrics(
        IMeterFactory meters,
        SlideService slides,
        IDbContextFactory<BladderLnAiDbContext> databases,
        ILogger<BladderLnAiMetrics> logger)
    {
        _slides = slides;
        _databases = databases;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _tileDuration = meter.CreateHistogram<double>(
            "bladderln.tile.duration", "s", "Time to answer a Deep Zoom tile request, by cache outcome.");
        _tileRequests = meter.CreateCounter<long>(
            "bladderln.tile.requests", "{request}", "Deep Zoom tile requests, by cache outcome: hit, miss or not_modified.");
        _inferenceDuration = meter.CreateHistogram<double>(
            "bladderln.inference.duration", "s", "Time of one network pass over one field or composite patch.");
        _analysisDuration = meter.CreateHistogram<double>(
            "bladderln.analysis.duration", "s", "Time of one analysis job, by outcome.");
        meter.CreateObservableGauge(
            "bladderln.tile.cache.hit_ratio", ReadHitRatio, description: "Share of tile lookups served from the tile cache since the start.");
        meter.CreateObservableCounter(
            "bladderln.tile.cache.lookups", ReadCacheLookups, "{lookup}", "Tile cache lookups since the start, by result: hit or miss.");
        meter.CreateObservableGauge(
            "bladderln.analysis.queue.length", ReadQueueLength, "{job}", "Analysis jobs waiting (queued) or running, read from the database.");
    }

    public void RecordTile(string cacheOutcome, TimeSpan elapsed)
    {
        var outcome = new KeyValuePair<string, object?>("cache", cacheOutcome);
        _tileRequests.Add(1, outcome);
        _tileDuration.Record(elapsed.TotalSeconds, outcome);
    }

    public void RecordInference(string executionProvider, TimeSpan elapsed) =>
        _inferenceDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("execution_provider", executionProvider));

    public void RecordAnalysis(string outcome, TimeSpan elapsed) =>
        _analysisDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    private double ReadHitRatio()
    {
        var hits = _slides.Tiles.Hits;
        var lookups = hits + _slides.Tiles.Misses;
        return lookups == 0 ? 0 : (double)hits / lookups;
    }

    private IEnumerable<Measurement<long>> ReadCacheLookups() =>
    [
        new(_slides.Tiles.Hits, new KeyValuePair<string, object?>("result", "hit")),
        new(_slides.Tiles.Misses, new KeyValuePair<string, object?>("result", "miss")),
    ];

    private IEnumerable<Measurement<int>> ReadQueueLength()
    {
        try
        {
            using var database = _databases.CreateDbContext();
            var counts = database.AnalysisJobs
                .Where(job => job.Status == AnalysisJobStatus.Queued || job.Status == AnalysisJobStatus.Running)
                .GroupBy(job => job.Status)
                .Select(group => new { Status = group.Key, Count = group.Count() })
                .ToList();
            return
            [
                new(counts.FirstOrDefault(c => c.Status == AnalysisJobStatus.Queued)?.Count ?? 0, new KeyValuePair<string, object?>("state", "queued")),
                new(counts.FirstOrDefault(c => c.Status == AnalysisJobStatus.Running)?.Count ?? 0, new KeyValuePair<string, object?>("state", "running")),
            ];
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            // A scrape must not fail because the database is down; readiness reports that, so skip the gauge.
            Log.QueueLengthUnavailable(_logger, exception);
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Could not read the analysis queue length for the metrics; the gauge is left out of this scrape")]
        public static partial void QueueLengthUnavailable(ILogger logger, Exception exception);
    }
}
