using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.OpenSlide;

public class WholeSlideImageTests
{
    private const string SmallRegionSvs = "CMU-1-Small-Region.svs";

    // Values as OpenSlide 3.4.1 reports them. The generic TIFF has no openslide.mpp-x/y, so its mpp is null.
    public static TheoryData<string, string, long, long, int, double?> SampleSlides => new()
    {
        { SmallRegionSvs, "aperio", 2220, 2967, 1, 0.499 },
        { "CMU-1-Small-Region-generic.tiff", "generic-tiff", 2220, 2967, 5, null },
        { "CMU-1-16x16.svs", "aperio", 16, 16, 1, 0.499 },
        { "test3-DAPI-2-387.ndpi", "hamamatsu", 3968, 4864, 7, 0.22818 },
    };

    [Theory]
    [MemberData(nameof(SampleSlides))]
    public void Open_SampleSlide_ReportsSizeLevelsAndMpp(
        string fileName,
        string vendor,
        long width,
        long height,
        int levelCount,
        double? micronsPerPixel)
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(fileName));

        Assert.Equal(vendor, slide.Vendor);
        Assert.Equal(width, slide.Width);
        Assert.Equal(height, slide.Height);
        Assert.Equal(levelCount, slide.Levels.Count);
        Assert.Equal(new SlideLevel(0, width, height, 1.0), slide.Levels[0]);
        AssertMicronsPerPixel(micronsPerPixel, slide.MicronsPerPixelX);
        AssertMicronsPerPixel(micronsPerPixel, slide.MicronsPerPixelY);
        AssertMicronsPerPixel(micronsPerPixel, slide.MicronsPerPixel);
        Assert.Equal(vendor, slide.Properties["openslide.vendor"]);
    }

    [Fact]
    public void Open_GenericTiff_ReportsLevelPyramid()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff"));

        // Level sizes and downsamples as OpenSlide 3.4.1 reports them for this vips-made pyramid.
        Assert.Equal(new[] { 2220L, 1110, 555, 277, 138 }, slide.Levels.Select(level => level.Width));
        Assert.Equal(new[] { 2967L, 1483, 741, 370, 185 }, slide.Levels.Select(level => level.Height));
        Assert.Equal(16.06, slide.Levels[4].Downsample, precision: 2);
        Assert.Equal(Enumerable.Range(0, 5), slide.Levels.Select(level => level.Index));
    }

    [Fact]
    public void GetBestLevelForDownsample_NdpiLevels()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("test3-DAPI-2-387.ndpi"));

        Assert.Equal(0, slide.GetBestLevelForDownsample(0.5));
        Assert.Equal(0, slide.GetBestLevelForDownsample(1));
        Assert.Equal(1, slide.GetBestLevelForDownsample(3.9));
        Assert.Equal(2, slide.GetBestLevelForDownsample(4));
        Assert.Equal(6, slide.GetBestLevelForDownsample(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => slide.GetBestLevelForDownsample(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => slide.GetBestLevelForDownsample(double.NaN));
    }

    [Fact]
    public void ReadRegion_Tissue_IsMostlyNotWhite()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        var image = slide.ReadRegion(982, 1355, 0, 256, 256);

        Assert.Equal(256, image.Width);
        Assert.Equal(256, image.Height);
        Assert.True(
            CountNonWhite(image) > 256 * 256 / 2,
            $"Only {CountNonWhite(image)} of {256 * 256} pixels are tissue-coloured in the middle of the H&E slide.");
    }

    [Theory]
    [InlineData(-1000, -1000)]
    [InlineData(2220, 0)]
    [InlineData(0, 2967)]
    [InlineData(100_000, 100_000)]
    public void ReadRegion_OutsideSlide_IsWhite(long x, long y)
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        var image = slide.ReadRegion(x, y, 0, 64, 32);

        Assert.Equal(0, CountNonWhite(image, threshold: 255));
    }

    [Fact]
    public void ReadRegion_AcrossRightEdge_IsWhiteOutside()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        // Columns 0..99 are inside the slide (x 2120..2219), columns 100..199 are outside.
        var image = slide.ReadRegion(2120, 1400, 0, 200, 100);

        for (var y = 0; y < image.Height; y++)
        {
            var outside = image.Row(y)[(100 * 3)..];
            Assert.True(outside.IndexOfAnyExcept((byte)255) < 0, $"Row {y} has non-white pixels outside the slide.");
        }
    }

    [Fact]
    public void ReadRegion_IntoDestination_MatchesNewImage()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region-generic.tiff"));
        var destination = new RgbImage(100, 80);
        destination.Fill(1, 2, 3);

        slide.ReadRegion(400, 800, 2, destination);
        var expected = slide.ReadRegion(400, 800, 2, 100, 80);

        Assert.Equal(expected.Pixels, destination.Pixels);
    }

    [Theory]
    [InlineData(-1, 10, 10, "level")]
    [InlineData(1, 10, 10, "level")]
    [InlineData(0, 0, 10, "width")]
    [InlineData(0, 10, -5, "height")]
    [InlineData(0, 8193, 8192, "width")]
    public void ReadRegion_InvalidArguments_ThrowNamingValue(int level, int width, int height, string parameter)
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => slide.ReadRegion(0, 0, level, width, height));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void ReadRegion_MaximumSize_IsAllowed()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-16x16.svs"));

        // 8192 x 8192 is exactly 64 megapixels, and the slide is 16 x 16, so almost everything is white.
        var image = slide.ReadRegion(0, 0, 0, 8192, 8192);

        Assert.Equal(8192, image.Width);
    }

    [Fact]
    public void AssociatedImages_OfSvs_IncludeLabelMacroThumbnail()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        Assert.Contains("label", slide.AssociatedImageNames);
        Assert.Contains("macro", slide.AssociatedImageNames);
        Assert.Contains("thumbnail", slide.AssociatedImageNames);
    }

    [Fact]
    public void ReadAssociatedImage_Thumbnail_HasPixels()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        var thumbnail = slide.ReadAssociatedImage("thumbnail");

        Assert.InRange(thumbnail.Width, 1, 2220);
        Assert.InRange(thumbnail.Height, 1, 2967);
        Assert.True(CountNonWhite(thumbnail) > 0, "The thumbnail is all white.");
    }

    [Fact]
    public void ReadAssociatedImage_NdpiMacro_Is1188x406()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("test3-DAPI-2-387.ndpi"));

        var macro = slide.ReadAssociatedImage("macro");

        Assert.Equal(1188, macro.Width);
        Assert.Equal(406, macro.Height);
    }

    [Fact]
    public void ReadAssociatedImage_UnknownName_ListsAvailableNames()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        var exception = Assert.Throws<SlideException>(() => slide.ReadAssociatedImage("barcode"));

        Assert.Contains("'barcode'", exception.Message);
        Assert.Contains("label, macro, thumbnail", exception.Message);
        Assert.Contains(SmallRegionSvs, exception.Message);
    }

    [Fact]
    public void Dispose_ThenRead_ThrowsObjectDisposed()
    {
        var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));

        slide.Dispose();
        slide.Dispose();

        Assert.Throws<ObjectDisposedException>(() => slide.ReadRegion(0, 0, 0, 16, 16));
        Assert.Throws<ObjectDisposedException>(() => slide.ReadAssociatedImage("label"));
        Assert.Throws<ObjectDisposedException>(() => slide.GetBestLevelForDownsample(2));
        Assert.Equal(2220, slide.Width);
    }

    [Fact]
    public async Task Dispose_DuringConcurrentReads_EndsEveryReaderCleanly()
    {
        var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));
        using var started = new CountdownEvent(4);
        var readers = Enumerable.Range(0, 4)
            .Select(index => Task.Run(() => ReadUntilDisposed(slide, index, started)))
            .ToArray();

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "Readers did not start.");
        slide.Dispose();

        // Every reader must stop with ObjectDisposedException and nothing else (no crash, no SlideException).
        var reads = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(reads, count => Assert.True(count > 0));
    }

    [Fact]
    public void ConcurrentReads_ReturnSamePixels()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(SmallRegionSvs));
        var expected = slide.ReadRegion(500, 700, 0, 300, 200).Pixels;

        var results = new byte[8][];
        Parallel.For(0, 8, index => results[index] = slide.ReadRegion(500, 700, 0, 300, 200).Pixels);

        Assert.All(results, pixels => Assert.Equal(expected, pixels));
    }

    private static int ReadUntilDisposed(WholeSlideImage slide, int seed, CountdownEvent started)
    {
        var reads = 0;
        try
        {
            while (true)
            {
                slide.ReadRegion(seed * 300, seed * 400, 0, 128, 128);
                if (++reads == 1)
                {
                    started.Signal();
                }
            }
        }
        catch (ObjectDisposedException)
        {
            return reads;
        }
    }

    private static int CountNonWhite(RgbImage image, int threshold = 220)
    {
        var count = 0;
        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            if (pixels[i] < threshold || pixels[i + 1] < threshold || pixels[i + 2] < threshold)
            {
                count++;
            }
        }

        return count;
    }

    private static void AssertMicronsPerPixel(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, tolerance: 1e-5);
    }
}
