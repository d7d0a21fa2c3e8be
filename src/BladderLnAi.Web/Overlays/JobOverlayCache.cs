using BladderLnAi.Analysis.Overlays;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Web.Analysis;
using Microsoft.Extensions.Caching.Memory;

namespace BladderLnAi.Web.Overlays;

/// <summary>
/// Keeps the overlays of recently viewed analyses in memory: the findings index and the heatmap probabilities that
/// heatmap tiles are rendered from. Results of a completed job never change, so entries need no invalidation.
/// </summary>
public sealed class JobOverlayCache(AnalysisResultStore store) : IDisposable
{
    /// <summary>Memory budget in bytes, counting heatmap pixels and about 1 KiB per finding.</summary>
    public const long BudgetBytes = 256L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = BudgetBytes });

    /// <summary>Returns the overlays of a completed job, or null when the job has no results.</summary>
    public JobOverlay? Get(AnalysisJob job)
    {
        if (_cache.TryGetValue(job.Id, out JobOverlay? cached))
        {
            return cached;
        }

        var results = store.Load(job);
        if (results is null)
        {
            return null;
        }

        var overlay = new JobOverlay(results, store);
        var heatmap = results.Summary.Heatmap;
        var size = (long)heatmap.Width * heatmap.Height + results.Findings.Count * 1024L;
        return _cache.Set(job.Id, overlay, new MemoryCacheEntryOptions
        {
            Size = Math.Max(1, size),
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>The overlays of one completed analysis.</summary>
public sealed class JobOverlay
{
    private readonly Lazy<ProbabilityRaster?> _heatmap;

    public JobOverlay(AnalysisResults results, AnalysisResultStore store)
    {
        Results = results;
        Findings = new FindingIndex(results.Findings);
        _heatmap = new Lazy<ProbabilityRaster?>(() =>
        {
            var path = store.ResolveFile(results.Job, results.Summary.Heatmap.File);
            return path is null ? null : ProbabilityRaster.ReadPng(path, results.Summary.Heatmap.Scale);
        });
    }

    public AnalysisResults Results { get; }

    public FindingIndex Findings { get; }

    /// <summary>The stored heatmap probabilities, read on first use; null when the file is missing.</summary>
    public ProbabilityRaster? Heatmap => _heatmap.Value;
}
