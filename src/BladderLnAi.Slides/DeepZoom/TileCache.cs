namespace BladderLnAi.Slides;

/// <summary>
/// A thread-safe least-recently-used cache of encoded tiles, bounded by the total bytes of the cached data.
/// </summary>
/// <remarks>
/// Only the lengths of the byte arrays count against the budget, not the keys or the bookkeeping.
/// The cache stores the arrays it is given, so callers must not change them after <see cref="Add"/>.
/// </remarks>
public sealed class TileCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    // Most recently used first, so eviction takes from the end.
    private readonly LinkedList<Entry> _recency = new();
    private long _sizeBytes;
    private long _hits;
    private long _misses;

    /// <summary>Creates a cache that keeps at most <paramref name="maxBytes"/> bytes of tile data.</summary>
    public TileCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    /// <summary>Byte budget of the cached data.</summary>
    public long MaxBytes { get; }

    /// <summary>Number of lookups that found a tile.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Number of lookups that found nothing.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Number of cached tiles.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Total bytes of the cached tile data.</summary>
    public long SizeBytes => Interlocked.Read(ref _sizeBytes);

    /// <summary>Looks up a tile and marks it as most recently used.</summary>
    public bool TryGet(string key, out byte[] data)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                data = node.Value.Data;
                return true;
            }

            _misses++;
        }

        data = [];
        return false;
    }

    /// <summary>
    /// Adds or replaces a tile, then evicts least recently used tiles until the total fits the budget.
    /// A tile larger than the whole budget is not stored.
    /// </summary>
    public void Add(string key, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(data);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                RemoveNode(existing);
            }

            if (data.LongLength > MaxBytes)
            {
                return;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, data));
            _sizeBytes += data.LongLength;
            while (_sizeBytes > MaxBytes)
            {
                RemoveNode(_recency.Last!);
            }
        }
    }

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _sizeBytes -= node.Value.Data.LongLength;
    }

    private sealed record Entry(string Key, byte[] Data);
}
