using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.Catalog;

public sealed class SlideHandleCacheTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("slide-handles");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Get_SameEntry_ReturnsSameHandle()
    {
        using var cache = new SlideHandleCache();
        var entry = CopySample("a.svs");

        var first = cache.Get(entry);
        var second = cache.Get(entry);

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Get_OverCapacity_DisposesLeastRecentlyUsed()
    {
        using var cache = new SlideHandleCache(capacity: 2);
        var a = cache.Get(CopySample("a.svs"));
        var b = cache.Get(CopySample("b.svs"));
        cache.Get(CopySample("a.svs"));

        var c = cache.Get(CopySample("c.svs"));

        Assert.Equal(2, cache.Count);
        Assert.Throws<ObjectDisposedException>(() => b.ReadRegion(0, 0, 0, 4, 4));
        a.ReadRegion(0, 0, 0, 4, 4);
        c.ReadRegion(0, 0, 0, 4, 4);
    }

    [Fact]
    public void Get_FileChanged_ReopensAndDisposesOld()
    {
        using var cache = new SlideHandleCache();
        var entry = CopySample("a.svs");
        var old = cache.Get(entry);

        File.SetLastWriteTimeUtc(entry.FullPath, DateTime.UtcNow.AddMinutes(5));
        var reopened = cache.Get(entry);

        Assert.NotSame(old, reopened);
        Assert.Throws<ObjectDisposedException>(() => old.ReadRegion(0, 0, 0, 4, 4));
        reopened.ReadRegion(0, 0, 0, 4, 4);
    }

    [Fact]
    public void Get_FileDeleted_ThrowsSlideException()
    {
        using var cache = new SlideHandleCache();
        var entry = CopySample("a.svs");
        var old = cache.Get(entry);

        File.Delete(entry.FullPath);

        Assert.Throws<SlideException>(() => cache.Get(entry));
        Assert.Equal(0, cache.Count);
        Assert.Throws<ObjectDisposedException>(() => old.ReadRegion(0, 0, 0, 4, 4));
    }

    [Fact]
    public void Get_ConcurrentFirstUse_KeepsOneHandle()
    {
        using var cache = new SlideHandleCache();
        var entry = CopySample("a.svs");

        var handles = new WholeSlideImage[8];
        Parallel.For(0, 8, index => handles[index] = cache.Get(entry));

        Assert.Equal(1, cache.Count);
        Assert.All(handles, handle => Assert.Same(handles[0], handle));
        handles[0].ReadRegion(0, 0, 0, 4, 4);
    }

    [Fact]
    public void Dispose_DisposesHandlesAndRejectsGet()
    {
        var cache = new SlideHandleCache();
        var entry = CopySample("a.svs");
        var slide = cache.Get(entry);

        cache.Dispose();

        Assert.Throws<ObjectDisposedException>(() => slide.ReadRegion(0, 0, 0, 4, 4));
        Assert.Throws<ObjectDisposedException>(() => cache.Get(entry));
    }

    private SlideEntry CopySample(string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        if (!File.Exists(path))
        {
            File.Copy(TestPaths.SampleSlide("CMU-1-16x16.svs"), path);
        }

        var info = new FileInfo(path);
        return new SlideEntry(Path.GetFileNameWithoutExtension(fileName), fileName, path, info.Length, info.LastWriteTimeUtc);
    }
}
