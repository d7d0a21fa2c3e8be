using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Imaging.Tests.Segmentation;

[Trait("Category", "Imaging")]
public class TissueDetectorTests
{
    [Fact]
    public void Detect_FindsDarkDiscOnWhite()
    {
        var image = new RgbImage(200, 150);
        var random = new Random(3);
        for (var y = 0; y < 150; y++)
        {
            for (var x = 0; x < 200; x++)
            {
                var inDisc = Math.Pow(x + 0.5 - 90, 2) + Math.Pow(y + 0.5 - 70, 2) <= 40 * 40;
                var noise = random.Next(-4, 5);
                var (r, g, b) = inDisc ? (180, 100, 160) : (245, 244, 246);
                var offset = (y * 200 + x) * 3;
                image.Pixels[offset] = (byte)(r + noise);
                image.Pixels[offset + 1] = (byte)(g + noise);
                image.Pixels[offset + 2] = (byte)(b + noise);
            }
        }

        var tissue = TissueDetector.Detect(image);

        var discFraction = Math.PI * 40 * 40 / (200 * 150);
        Assert.True(tissue.Mask[90, 70], "The disc centre should be tissue.");
        Assert.True(tissue.Mask[90, 31], "The disc's top edge should be tissue.");
        Assert.False(tissue.Mask[5, 5], "The glass corner should be background.");
        Assert.False(tissue.Mask[140, 70], "Glass right of the disc should be background.");
        Assert.InRange(tissue.Threshold, 135, 240);
        Assert.InRange(tissue.TissueFraction, discFraction, discFraction + 0.02);
    }

    [Fact]
    public void Detect_BlankSlideHasNoTissue()
    {
        var image = new RgbImage(120, 80);
        var random = new Random(5);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (byte)(240 + random.Next(-2, 3));
        }

        var tissue = TissueDetector.Detect(image);

        Assert.Equal(0, tissue.Mask.Count());
        Assert.Equal(-1, tissue.Threshold);
        Assert.Equal(0, tissue.TissueFraction);
    }

    [Fact]
    public void Detect_DropsIsolatedDustPixel()
    {
        var image = new RgbImage(50, 50);
        image.Fill(240, 240, 240);
        for (var y = 10; y < 30; y++)
        {
            image.Row(y)[30..90].Fill(90);
        }

        image.Row(45)[(40 * 3)..(41 * 3)].Fill(20);

        var tissue = TissueDetector.Detect(image);

        Assert.True(tissue.Mask[20, 20], "The dark block should be tissue.");
        Assert.False(tissue.Mask[40, 45], "A single dark pixel is dust, not tissue.");
    }
}
