namespace BladderLnAi.Slides;

/// <summary>
/// Open <see cref="WholeSlideImage"/> handles by slide id, least recently used evicted first.
/// Safe to use from several threads.
/// </summary>
/// <remarks>
/// Opening a slide parses its file structure, which is too slow to repeat per tile, so a tile server keeps its
/// handles open here. An evicted or
/// replaced handle is disposed, which waits for its reads in flight. A caller that still uses such a handle gets
/// <see cref="ObjectDisposedException"/> on its next read and should call <see cref="Get"/> again.
/// </remarks>
public sealed class SlideHandleCache : IDisposable
{
    /// <summary>Number of open handles kept when no capacity is given.</summary>
    public const int DefaultCapacity = 32;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<CachedHandle>> _handles = new(StringComparer.Ordinal);

    // Most recently used first, so eviction takes from the end.
    private readonly LinkedList<CachedHandle> _recency = new();
    private bool _disposed;

    /// <summary>Creates a cache that keeps at most <paramref name="capacity"/> slides open.</summary>
    public SlideHandleCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>Maximum number of open handles.</summary>
    public int Capacity { get; }

    /// <summary>Number of open handles.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _handles.Count;
            }
        }
    }

    /// <summary>
    /// Returns the open handle of a slide, opening it when it is not cached or when the file's path, size or
    /// last-write time changed since it was opened.
    /// </summary>
    /// <exception cref="SlideException">The slide file is missing, unreadable or not a slide.</exception>
    /// <exception cref="ObjectDisposedException">The cache was disposed.</exception>
    public WholeSlideImage Get(SlideEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stamp = FileStamp.Read(entry.FullPath);
        var stale = new List<WholeSlideImage>();
        try
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (TryGetCurrent(entry, stamp, stale) is { } cached)
                {
                    return cached;
                }
            }

            // Open outside the lock so a slow open does not block other slides.
            var opened = WholeSlideImage.Open(entry.FullPath);
            return Insert(entry, stamp, opened, stale);
        }
        finally
        {
            // Disposing waits for reads in flight, so it also happens outside the lock.
            stale.ForEach(handle => handle.Dispose());
        }
    }

    /// <summary>Disposes all cached handles. Later calls to <see cref="Get"/> throw.</summary>
    public void Dispose()
    {
        List<WholeSlideImage> handles;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            handles = _recency.Select(cached => cached.Slide).ToList();
            _recency.Clear();
            _handles.Clear();
        }

        handles.ForEach(handle => handle.Dispose());
    }

    /// <summary>
    /// Returns the cached handle when it matches the file, marking it most recently used. Otherwise removes it
    /// into <paramref name="stale"/> and returns null.
    /// </summary>
    private WholeSlideImage? TryGetCurrent(SlideEntry entry, FileStamp? stamp, List<WholeSlideImage> stale)
    {
        if (!_handles.TryGetValue(entry.Id, out var node))
        {
            return null;
        }

        var cached = node.Value;
        if (stamp is not null && cached.Stamp == stamp && cached.FullPath == entry.FullPath)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return cached.Slide;
        }

        Remove(node, stale);
        return null;
    }

    private WholeSlideImage Insert(SlideEntry entry, FileStamp? stamp, WholeSlideImage opened, List<WholeSlideImage> stale)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                stale.Add(opened);
                throw new ObjectDisposedException(nameof(SlideHandleCache));
            }

            // Another thread may have opened the same slide meanwhile, so keep the first handle and drop this one.
            if (TryGetCurrent(entry, stamp, stale) is { } cached)
            {
                stale.Add(opened);
                return cached;
            }

            var handle = new CachedHandle(entry.Id, entry.FullPath, stamp, opened);
            _handles[entry.Id] = _recency.AddFirst(handle);
            while (_handles.Count > Capacity)
            {
                Remove(_recency.Last!, stale);
            }

            return opened;
        }
    }

    private void Remove(LinkedListNode<CachedHandle> node, List<WholeSlideImage> stale)
    {
        _recency.Remove(node);
        _handles.Remove(node.Value.Id);
        stale.Add(node.Value.Slide);
    }

    /// <summary>Size and last-write time of a file, or null when it does not exist.</summary>
    private sealed record FileStamp(long SizeBytes, DateTime LastWriteUtc)
    {
        public static FileStamp? Read(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
        }
    }

    private sealed record CachedHandle(string Id, string FullPath, FileStamp? Stamp, WholeSlideImage Slide);
}
