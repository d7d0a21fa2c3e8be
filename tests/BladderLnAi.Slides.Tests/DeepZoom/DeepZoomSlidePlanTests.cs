using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class DeepZoomSlidePlanTests
{
    [Fact]
    public void Create_SingleLevelSvs_CutsLowLevelsFromOverview()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        var plan = DeepZoomSlidePlan.Create(slide, 254, 1);

        // Level 10 would read 4 x 4 slide pixels per tile pixel, so level 11 (1110 x 1484, exactly half of level 0)
        // becomes the overview. Its own tiles come from it too, because half of level 0 is a whole-number ratio.
        Assert.Equal(11, plan.OverviewLevel);
        for (var level = 0; level <= 11; level++)
        {
            Assert.True(plan.GetLevel(level).UsesOverview, $"level {level} should be cut from the overview");
        }

        Assert.False(plan.GetLevel(12).UsesOverview);
        Assert.Equal(1, plan.GetLevel(12).Ratio);
    }

    [Fact]
    public void Create_Ndpi_UsesOverviewBelowCoarsestLevel()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("test3-DAPI-2-387.ndpi"));

        var plan = DeepZoomSlidePlan.Create(slide, 254, 1);

        // Slide levels go down to downsample 64 (Deep Zoom level 7). Only levels 5 and below, at downsample 256 and
        // more, read 4 or more times the coarsest level per side, so level 6 (ratio 2) is the overview.
        Assert.Equal(6, plan.OverviewLevel);
        Assert.True(plan.GetLevel(5).UsesOverview);
        Assert.True(plan.GetLevel(6).UsesOverview);
        for (var level = 7; level < plan.Layout.LevelCount; level++)
        {
            Assert.False(plan.GetLevel(level).UsesOverview, $"level {level} should be read from the slide");
            Assert.Equal(1, plan.GetLevel(level).Ratio);
        }
    }

    [Fact]
    public void Create_GenericTiff_ReadsFractionalOverviewLevel()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff"));

        var plan = DeepZoomSlidePlan.Create(slide, 254, 1);

        // The coarsest slide level has downsample 16.06, so Deep Zoom level 5 (downsample 128) reads 7.97 times
        // more pixels per side and level 6 (3.98) does not. Level 6 is the overview, but its own tiles are read
        // from the slide, because the fractional ratio makes the overview's pixels depend on where each read starts.
        Assert.Equal(6, plan.OverviewLevel);
        Assert.True(plan.GetLevel(5).UsesOverview);
        Assert.False(plan.GetLevel(6).UsesOverview);
        Assert.InRange(plan.GetLevel(6).Ratio, 3.98, 3.99);
    }

    [Fact]
    public void Create_GenericTiff_ReadsNearlyMatchingLevels()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff"));

        var plan = DeepZoomSlidePlan.Create(slide, 254, 1);

        // Slide levels 1 to 4 have downsamples 2.0003, 4.002, 8.017 and 16.06, each within 1 % of Deep Zoom
        // levels 11 to 8, so those are read from them almost pixel for pixel instead of from the level below.
        for (var slideLevel = 1; slideLevel <= 4; slideLevel++)
        {
            var source = plan.GetLevel(12 - slideLevel);
            Assert.Equal(slideLevel, source.SlideLevel.Index);
            Assert.InRange(source.Ratio, 0.99, 1);
        }
    }

    [Fact]
    public void Create_TinySlide_OverviewIsHalfSize()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-16x16.svs"));

        var plan = DeepZoomSlidePlan.Create(slide, 254, 1);

        // 16 x 16 pixels, levels 0 (1 x 1) to 4: level 2 (4 x 4) already reads 4 x 4 pixels per tile pixel, so
        // level 3 (8 x 8) is the overview.
        Assert.Equal(3, plan.OverviewLevel);
        Assert.True(plan.GetLevel(0).UsesOverview);
        Assert.True(plan.GetLevel(3).UsesOverview);
        Assert.False(plan.GetLevel(4).UsesOverview);
    }
}
