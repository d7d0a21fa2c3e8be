using BladderLnAi.Slides;
using BladderLnAi.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class DeepZoomOverviewTests
{
    private readonly DeepZoomTileRenderer _renderer = new(new DeepZoomOptions());

    [Theory]
    [InlineData(3, 4)] // interior tile, overlap on every side
    [InlineData(4, 5)] // last column and row, cut at the level's edge
    public void RenderJpeg_OverviewLevel_EqualsHalvedLevelZero(int column, int row)
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        Assert.True(_renderer.GetLayout(slide).TryGetTile(11, column, row, out var tile));

        var jpeg = _renderer.RenderJpeg(slide, 11, column, row);

        // Level 11 is half of level 0, so the tile must be the 2 x 2 means of the level-0 pixels below it, encoded
        // with the same settings, byte for byte.
        var level0 = slide.ReadRegion(
            (long)tile.Level0X, (long)tile.Level0Y, 0, (int)tile.Level0Width, (int)tile.Level0Height);
        var expected = new byte[tile.Width * tile.Height * 3];
        AreaResampler.BoxReduce(level0.Pixels, level0.Width * 3, level0.Width, level0.Height, 2, expected);
        using var image = Image.WrapMemory<Rgb24>(expected.AsMemory(), tile.Width, tile.Height);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 75 });
        Assert.Equal(stream.ToArray(), jpeg);
    }

    [Fact]
    public void RenderJpeg_EveryOverviewTile_DecodesToLayoutSize()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var layout = _renderer.GetLayout(slide);

        for (var level = 0; level <= 11; level++)
        {
            var (columns, rows) = layout.GetTileCount(level);
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < columns; column++)
                {
                    Assert.True(layout.TryGetTile(level, column, row, out var tile));
                    using var decoded = Image.Load<Rgb24>(_renderer.RenderJpeg(slide, level, column, row));
                    Assert.Equal((tile.Width, tile.Height), (decoded.Width, decoded.Height));
                }
            }
        }
    }

    [Fact]
    public void RenderJpeg_TopTile_IsMeanColourOfSlide()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var whole = slide.ReadRegion(0, 0, 0, (int)slide.Width, (int)slide.Height);
        var mean = new double[3];
        for (var i = 0; i < whole.Pixels.Length; i++)
        {
            mean[i % 3] += whole.Pixels[i];
        }

        using var top = Image.Load<Rgb24>(_renderer.RenderJpeg(slide, 0, 0, 0));

        // The 1 x 1 tile averages the whole slide; JPEG rounding moves a flat pixel by a few levels at most.
        var pixel = top[0, 0];
        var pixelCount = whole.Width * whole.Height;
        Assert.InRange(pixel.R, mean[0] / pixelCount - 4, mean[0] / pixelCount + 4);
        Assert.InRange(pixel.G, mean[1] / pixelCount - 4, mean[1] / pixelCount + 4);
        Assert.InRange(pixel.B, mean[2] / pixelCount - 4, mean[2] / pixelCount + 4);
    }

    [Fact]
    public void GetLayout_SameSlide_ReturnsSameInstance()
    {
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));

        Assert.Same(_renderer.GetLayout(slide), _renderer.GetLayout(slide));
    }
}
