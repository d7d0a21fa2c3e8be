using BladderLnAi.Slides;
using BladderLnAi.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class DeepZoomTileRendererTests
{
    private readonly DeepZoomTileRenderer _renderer = new(new DeepZoomOptions());

    [Fact]
    public void CreateLayout_UsesSlideSizeAndOptions()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        var layout = _renderer.CreateLayout(slide);

        // 2967 needs 12 halvings to reach 1 (2^11 = 2048 < 2967 <= 4096), so 13 levels.
        Assert.Equal(13, layout.LevelCount);
        Assert.Equal((2220L, 2967L), layout.GetLevelSize(12));
        Assert.Equal(254, layout.TileSize);
        Assert.Equal(1, layout.Overlap);
    }

    [Theory]
    [InlineData("CMU-1-Small-Region.svs", 12, 3, 5)] // full resolution, middle tile
    [InlineData("CMU-1-Small-Region.svs", 12, 8, 11)] // full resolution, last column and row
    [InlineData("CMU-1-Small-Region.svs", 10, 1, 1)] // downsample 4 from level 0, last tile
    [InlineData("CMU-1-Small-Region.svs", 0, 0, 0)] // 1 x 1 from the whole slide
    [InlineData("CMU-1-Small-Region-generic.tiff", 11, 1, 2)] // read from a lower slide level
    [InlineData("test3-DAPI-2-387.ndpi", 9, 0, 1)] // downsample 8 read from slide level 3
    public void RenderJpeg_Tile_DecodesToLayoutSize(string fileName, int level, int column, int row)
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide(fileName));
        Assert.True(_renderer.CreateLayout(slide).TryGetTile(level, column, row, out var tile));

        var jpeg = _renderer.RenderJpeg(slide, level, column, row);

        var format = Image.DetectFormat(jpeg);
        using var image = Image.Load<Rgb24>(jpeg);
        Assert.IsType<JpegFormat>(format);
        Assert.Equal(tile.Width, image.Width);
        Assert.Equal(tile.Height, image.Height);
    }

    [Fact]
    public void RenderJpeg_TissueTile_IsNotBlank()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        var jpeg = _renderer.RenderJpeg(slide, 12, 4, 5);
        using var image = Image.Load<Rgb24>(jpeg);

        var darkPixels = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    darkPixels += pixel.R < 220 || pixel.G < 220 || pixel.B < 220 ? 1 : 0;
                }
            }
        });
        Assert.True(darkPixels > image.Width * image.Height / 2, $"Only {darkPixels} tissue-coloured pixels.");
    }

    [Fact]
    public void RenderJpeg_HigherQuality_GivesLargerFile()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var highQuality = new DeepZoomTileRenderer(new DeepZoomOptions { JpegQuality = 95 });

        var low = new DeepZoomTileRenderer(new DeepZoomOptions { JpegQuality = 20 }).RenderJpeg(slide, 12, 4, 5);
        var high = highQuality.RenderJpeg(slide, 12, 4, 5);

        Assert.True(high.Length > low.Length, $"Quality 95 gave {high.Length} bytes, quality 20 gave {low.Length}.");
    }

    [Theory]
    [InlineData(13, 0, 0)]
    [InlineData(-1, 0, 0)]
    [InlineData(12, 9, 0)]
    [InlineData(12, 0, 12)]
    [InlineData(12, -1, 0)]
    public void RenderJpeg_OutsidePyramid_ThrowsArgumentOutOfRange(int level, int column, int row)
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        Assert.Throws<ArgumentOutOfRangeException>(() => _renderer.RenderJpeg(slide, level, column, row));
    }

    [Fact]
    public void RenderJpeg_EightThreads_GiveIdenticalBytes()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var expected = _renderer.RenderJpeg(slide, 11, 2, 3);

        var results = new byte[8][];
        var threads = Enumerable.Range(0, 8)
            .Select(index => new Thread(() => results[index] = RenderRepeatedly(slide, 11, 2, 3, times: 5)))
            .ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.All(results, bytes => Assert.Equal(expected, bytes));
    }

    private byte[] RenderRepeatedly(WholeSlideImage slide, int level, int column, int row, int times)
    {
        var first = _renderer.RenderJpeg(slide, level, column, row);
        for (var i = 1; i < times; i++)
        {
            var again = _renderer.RenderJpeg(slide, level, column, row);
            if (!again.AsSpan().SequenceEqual(first))
            {
                return again;
            }
        }

        return first;
    }
}
