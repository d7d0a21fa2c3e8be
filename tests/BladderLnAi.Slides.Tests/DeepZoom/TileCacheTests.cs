using BladderLnAi.Slides;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class TileCacheTests
{
    [Fact]
    public void Add_OverBudget_EvictsLeastRecentlyUsed()
    {
        var cache = new TileCache(maxBytes: 100);
        cache.Add("a", new byte[40]);
        cache.Add("b", new byte[40]);
        Assert.True(cache.TryGet("a", out _));

        // a was used after b, so b is the least recently used when c pushes the total to 120 bytes.
        cache.Add("c", new byte[40]);

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
        Assert.Equal(80, cache.SizeBytes);
    }

    [Fact]
    public void Add_LargeTile_EvictsSeveralOldest()
    {
        var cache = new TileCache(maxBytes: 100);
        cache.Add("a", new byte[30]);
        cache.Add("b", new byte[30]);
        cache.Add("c", new byte[30]);

        cache.Add("d", new byte[70]);

        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(100, cache.SizeBytes);
    }

    [Fact]
    public void Add_TileOverWholeBudget_IsNotStored()
    {
        var cache = new TileCache(maxBytes: 100);
        cache.Add("a", new byte[10]);

        cache.Add("huge", new byte[101]);

        Assert.False(cache.TryGet("huge", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.Equal(10, cache.SizeBytes);
    }

    [Fact]
    public void Add_SameKey_ReplacesDataAndSize()
    {
        var cache = new TileCache(maxBytes: 100);
        cache.Add("a", new byte[10]);

        cache.Add("a", [1, 2, 3]);

        Assert.True(cache.TryGet("a", out var data));
        Assert.Equal([1, 2, 3], data);
        Assert.Equal(1, cache.Count);
        Assert.Equal(3, cache.SizeBytes);
    }

    [Fact]
    public void TryGet_CountsHitsAndMisses()
    {
        var cache = new TileCache(maxBytes: 100);
        cache.Add("a", new byte[1]);

        cache.TryGet("a", out _);
        cache.TryGet("a", out _);
        cache.TryGet("missing", out var missing);

        Assert.Equal(2, cache.Hits);
        Assert.Equal(1, cache.Misses);
        Assert.Empty(missing);
    }

    [Fact]
    public void ConcurrentUse_KeepsSizeWithinBudget()
    {
        var cache = new TileCache(maxBytes: 1000);

        Parallel.For(0, 2000, index =>
        {
            cache.Add($"tile-{index % 300}", new byte[1 + (index % 17)]);
            cache.TryGet($"tile-{(index * 7) % 300}", out _);
        });

        Assert.InRange(cache.SizeBytes, 1, 1000);
        Assert.Equal(2000, cache.Hits + cache.Misses);
    }
}
