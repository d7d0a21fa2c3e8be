using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Imaging.Tests.Segmentation;

[Trait("Category", "Imaging")]
public class OtsuTests
{
    [Fact]
    public void Threshold_SplitsBimodalHistogram()
    {
        var histogram = new long[256];
        for (var level = 0; level < 256; level++)
        {
            histogram[level] = (long)(1000 * Math.Exp(-Math.Pow(level - 70, 2) / 200)
                + 3000 * Math.Exp(-Math.Pow(level - 210, 2) / 300));
        }

        var threshold = Otsu.Threshold(histogram);

        Assert.InRange(threshold, 110, 170);
    }

    [Fact]
    public void Threshold_TwoSpikes_SplitsHalfway()
    {
        var histogram = new long[256];
        histogram[50] = 10;
        histogram[200] = 30;

        Assert.Equal(124, Otsu.Threshold(histogram));
    }

    [Fact]
    public void Threshold_SingleLevel_ReturnsThatLevel()
    {
        var histogram = new long[256];
        histogram[93] = 5;

        Assert.Equal(93, Otsu.Threshold(histogram));
    }

    [Fact]
    public void Threshold_RejectsInvalidHistograms()
    {
        Assert.Throws<ArgumentException>(() => Otsu.Threshold(new long[255]));
        Assert.Throws<ArgumentException>(() => Otsu.Threshold(new long[256]));
        var negative = new long[256];
        negative[3] = -1;
        Assert.Throws<ArgumentException>(() => Otsu.Threshold(negative));
    }
}
