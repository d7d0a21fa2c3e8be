using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Imaging.Tests.Resampling;

[Trait("Category", "Imaging")]
public class SaliencyBuilderTests
{
    [Fact]
    public void FieldWithoutBlobs_IsUniformFloor()
    {
        var options = new SaliencyOptions();

        var saliency = SaliencyBuilder.Build(SyntheticFields.Discs(), options);

        Assert.Empty(saliency.Blobs);
        Assert.Equal(64, saliency.Values.Width);
        Assert.Equal(64, saliency.Values.Height);
        Assert.All(saliency.Values.Values, value => Assert.Equal(options.ContextFloor, value));
    }

    [Fact]
    public void ThreePixelFocus_SurvivesPooling()
    {
        var probability = new FloatMap(512, 512);
        for (var x = 300; x < 303; x++)
        {
            probability[x, 100] = 0.8f;
        }

        var saliency = SaliencyBuilder.Build(probability, new SaliencyOptions());

        var blob = Assert.Single(saliency.Blobs);
        Assert.Equal(0.8f, blob.Peak);
        Assert.Equal(300 / 8 / 64.0, blob.MinU, 1e-12);
        Assert.Equal(100 / 8 / 64.0, blob.MinV, 1e-12);
    }

    [Fact]
    public void BlobWeight_IsCappedAndAtLeastOne()
    {
        var options = new SaliencyOptions { MaxBlobBoost = 6 };
        var probability = SyntheticFields.Discs((120, 256, 100), (430, 60, 3));

        var saliency = SaliencyBuilder.Build(probability, options);

        Assert.Equal(2, saliency.Blobs.Count);
        var large = saliency.Blobs.MaxBy(b => b.AreaCells)!;
        var small = saliency.Blobs.MinBy(b => b.AreaCells)!;
        Assert.Equal(1f, large.Weight);
        Assert.Equal(6f, small.Weight);
        Assert.Equal(options.ContextFloor + 6f, saliency.Values.Values.Max(), 1e-5);
    }

    [Fact]
    public void BlobWeight_IsInverseToArea()
    {
        // A 16 x 8 pixel rectangle covers 2 x 1 cells of 8 pixels: weight 2 pi sigma^2 / 2, capped.
        var probability = new FloatMap(512, 512);
        for (var y = 64; y < 72; y++)
        {
            for (var x = 64; x < 80; x++)
            {
                probability[x, y] = 0.7f;
            }
        }

        var saliency = SaliencyBuilder.Build(probability, new SaliencyOptions { MaxBlobBoost = 100 });

        var blob = Assert.Single(saliency.Blobs);
        var sigma = SamplerOptions.DefaultKernelSigma;
        Assert.Equal(2, blob.AreaCells);
        Assert.Equal((float)(2 * Math.PI * sigma * sigma / 2), blob.Weight, 1e-4);
    }

    [Fact]
    public void Options_RejectInvalidValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { GridSize = 3 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { GridSize = 513 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { Threshold = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { Threshold = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { ContextFloor = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { ContextFloor = 1.5f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SaliencyOptions { MaxBlobBoost = 0.5f });
    }
}
