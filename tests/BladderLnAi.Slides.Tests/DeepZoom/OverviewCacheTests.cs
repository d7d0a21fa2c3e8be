using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class OverviewCacheTests
{
    [Fact]
    public void GetOrBuild_SamePlan_BuildsOnce()
    {
        var cache = new OverviewCache(maxBytes: 1000);
        var plan = NewPlan();
        var builds = 0;

        var first = cache.GetOrBuild(plan, 300, () => Build(ref builds));
        var second = cache.GetOrBuild(plan, 300, () => Build(ref builds));

        Assert.Same(first, second);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void GetOrBuild_OverBudget_EvictsLeastRecentlyUsed()
    {
        var cache = new OverviewCache(maxBytes: 1000);
        var (a, b, c) = (NewPlan(), NewPlan(), NewPlan());
        var builds = 0;
        cache.GetOrBuild(a, 400, () => Build(ref builds));
        cache.GetOrBuild(b, 400, () => Build(ref builds));
        cache.GetOrBuild(a, 400, () => Build(ref builds));

        // a was used after b, so b goes when c brings the total to 1200 bytes.
        cache.GetOrBuild(c, 400, () => Build(ref builds));
        cache.GetOrBuild(a, 400, () => Build(ref builds));
        Assert.Equal(3, builds);
        cache.GetOrBuild(b, 400, () => Build(ref builds));
        Assert.Equal(4, builds);
    }

    [Fact]
    public void GetOrBuild_FailedBuild_IsRetried()
    {
        var cache = new OverviewCache(maxBytes: 1000);
        var plan = NewPlan();
        var builds = 0;

        Assert.Throws<SlideException>(() => cache.GetOrBuild(plan, 300, () => throw new SlideException("x.svs", "read failed")));
        cache.GetOrBuild(plan, 300, () => Build(ref builds));

        Assert.Equal(1, builds);
    }

    private static RgbImage Build(ref int builds)
    {
        builds++;
        return new RgbImage(10, 10);
    }

    private static DeepZoomSlidePlan NewPlan()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-16x16.svs"));
        return DeepZoomSlidePlan.Create(slide, 254, 1);
    }
}
