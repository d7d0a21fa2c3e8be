using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Training.Datasets;

namespace BladderLnAi.Training.Tests.Datasets;

[Trait("Category", "Training")]
public class SaliencyNoiseTests
{
    private const int Size = 128;

    [Fact]
    public void Apply_SameSeed_GivesSameMask()
    {
        var (mask, image) = TwoBlobs();
        var noise = new SaliencyNoise();

        var first = noise.Apply(mask, image, new Random(7));
        var second = noise.Apply(mask, image, new Random(7));

        Assert.Equal(first.Values, second.Values);
    }

    [Fact]
    public void Apply_NoNoise_KeepsMask()
    {
        var (mask, image) = TwoBlobs();
        var noise = new SaliencyNoise { DropProbability = 0, MaximumAddedBlobs = 0, MaximumMorphologyRadius = 0 };

        var result = noise.Apply(mask, image, new Random(1));

        Assert.Equal(mask.Values, result.Values);
    }

    [Fact]
    public void Apply_DropEverything_EmptiesMask()
    {
        var (mask, image) = TwoBlobs();
        var noise = new SaliencyNoise { DropProbability = 1, MaximumAddedBlobs = 0, MaximumMorphologyRadius = 0 };

        var result = noise.Apply(mask, image, new Random(1));

        Assert.Equal(0, result.Count());
    }

    [Fact]
    public void Apply_AddedBlobs_LandOnTissue()
    {
        // Tissue (dark) covers the left half only, and added discs have radius at most 12, so none reaches x >= 64 + 12.
        var image = new RgbImage(Size, Size);
        image.Fill(240, 240, 240);
        for (var y = 0; y < Size; y++)
        {
            image.Row(y)[..(64 * 3)].Fill(120);
        }

        var empty = new BinaryMask(Size, Size);
        var noise = new SaliencyNoise { DropProbability = 0, MaximumAddedBlobs = 3, MaximumMorphologyRadius = 0 };
        var added = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var result = noise.Apply(empty, image, new Random(seed));
            added += result.Count();
            for (var y = 0; y < Size; y++)
            {
                for (var x = 64 + 12; x < Size; x++)
                {
                    Assert.False(result[x, y], $"seed {seed}: pixel ({x}, {y}) is off the tissue");
                }
            }
        }

        Assert.True(added > 0, "no seed added a blob");
    }

    [Fact]
    public void Apply_WrongImageSize_Throws()
    {
        var noise = new SaliencyNoise();

        Assert.Throws<ArgumentException>(() => noise.Apply(new BinaryMask(8, 8), new RgbImage(9, 8), new Random(0)));
    }

    [Fact]
    public void Dilate_SinglePixel_GrowsToSquare()
    {
        var mask = new BinaryMask(11, 11);
        mask[5, 5] = true;

        Assert.Equal(25, MaskRasters.Dilate(mask, 2).Count());
        Assert.Equal(1, MaskRasters.Erode(MaskRasters.Dilate(mask, 2), 2).Count());
    }

    [Fact]
    public void Erode_SquareAtBorder_TreatsOutsideAsUnset()
    {
        var mask = new BinaryMask(4, 4, Enumerable.Repeat(true, 16).ToArray());

        Assert.Equal(4, MaskRasters.Erode(mask, 1).Count());
    }

    private static (BinaryMask Mask, RgbImage Image) TwoBlobs()
    {
        var mask = new BinaryMask(Size, Size);
        for (var y = 20; y < 40; y++)
        {
            for (var x = 20; x < 40; x++)
            {
                mask[x, y] = true;
                mask[x + 60, y + 60] = true;
            }
        }

        var image = new RgbImage(Size, Size);
        image.Fill(150, 100, 160);
        return (mask, image);
    }
}
