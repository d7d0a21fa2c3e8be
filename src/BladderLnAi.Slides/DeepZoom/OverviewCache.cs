using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Slides;

/// <summary>
/// The overviews of open slides (one whole Deep Zoom level each, see <see cref="DeepZoomSlidePlan.OverviewLevel"/>),
/// least recently used evicted first once their pixels exceed a byte budget. Safe to use from several threads.
/// </summary>
/// <remarks>
/// Each overview is built once even when many requests need it at the same time: the others wait for the first.
/// A build that throws is forgotten, so that the next request tries again.
/// </remarks>
internal sealed class OverviewCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DeepZoomSlidePlan, LinkedListNode<Entry>> _entries = new(ReferenceEqualityComparer.Instance);

    // Most recently used first, so eviction takes from the end.
    private readonly LinkedList<Entry> _recency = new();
    private long _sizeBytes;

    public OverviewCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    /// <summary>Returns the overview of a slide plan, building it with <paramref name="build"/> on first use.</summary>
    /// <param name="sizeBytes">Size of the overview's pixels, counted against the budget while it is built and kept.</param>
    public RgbImage GetOrBuild(DeepZoomSlidePlan plan, long sizeBytes, Func<RgbImage> build)
    {
        Lazy<RgbImage> overview;
        lock (_lock)
        {
            if (_entries.TryGetValue(plan, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                overview = node.Value.Overview;
            }
            else
            {
                overview = new Lazy<RgbImage>(build, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[plan] = _recency.AddFirst(new Entry(plan, overview, sizeBytes));
                _sizeBytes += sizeBytes;

                // The new entry stays even when it alone exceeds the budget, because its request needs it now.
                while (_sizeBytes > MaxBytes && _recency.Last != _recency.First)
                {
                    Remove(_recency.Last!);
                }
            }
        }

        try
        {
            return overview.Value;
        }
        catch
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(plan, out var node) && node.Value.Overview == overview)
                {
                    Remove(node);
                }
            }

            throw;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Plan);
        _sizeBytes -= node.Value.SizeBytes;
    }

    private sealed record Entry(DeepZoomSlidePlan Plan, Lazy<RgbImage> Overview, long SizeBytes);
}
