using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;
using BladderLnAi.Imaging.Segmentation;
using BladderLnAi.Training.Datasets;

namespace BladderLnAi.Training.Tests.Datasets;

[Trait("Category", "Training")]
public class TrainingPairResamplerTests
{
    private const int Size = 512;

    // A red "tumour" square that the mask marks, a blue decoy square that it does not, on grey.
    private static readonly (int Left, int Top, int Side) Tumour = (300, 100, 32);
    private static readonly (int Left, int Top, int Side) Decoy = (100, 350, 32);

    [Fact]
    public void Sample_PaintedSquare_MaskStaysOnSquare()
    {
        var (image, mask) = Paint(scale: 1);
        var grid = GridFrom(mask);

        var (composite, compositeMask) = TrainingPairResampler.Sample(image, mask, grid, Size);

        Assert.True(CountMismatches(composite, compositeMask) <= 8, $"{CountMismatches(composite, compositeMask)} pixels disagree");
        Assert.Equal(0, CountMaskOnDecoy(composite, compositeMask));
    }

    [Fact]
    public void Sample_PaintedSquare_IsMagnified()
    {
        var (image, mask) = Paint(scale: 1);
        var grid = GridFrom(mask);

        var (_, compositeMask) = TrainingPairResampler.Sample(image, mask, grid, Size);

        // The saliency pulls samples onto the square, so it covers several times its original area.
        Assert.True(compositeMask.Count() > 3 * mask.Count(), $"{compositeMask.Count()} vs {mask.Count()} pixels");
    }

    [Fact]
    public void Sample_SourceAtDoubleResolution_StaysAligned()
    {
        var (_, mask) = Paint(scale: 1);
        var (image, fineMask) = Paint(scale: 2);
        var grid = GridFrom(mask);

        var (composite, compositeMask) = TrainingPairResampler.Sample(image, fineMask, grid, Size);

        Assert.True(CountMismatches(composite, compositeMask) <= 8, $"{CountMismatches(composite, compositeMask)} pixels disagree");
        Assert.Equal(0, CountMaskOnDecoy(composite, compositeMask));
        Assert.True(compositeMask.Count() > 3 * mask.Count());
    }

    [Fact]
    public void Sample_SaliencyFromOtherMask_StaysAligned()
    {
        // A noisy saliency that magnifies the decoy instead of the tumour must not move the mask off the tumour.
        var (image, mask) = Paint(scale: 1);
        var decoyMask = new BinaryMask(Size, Size);
        Fill(decoyMask, Decoy, 1);
        var grid = GridFrom(decoyMask);

        var (composite, compositeMask) = TrainingPairResampler.Sample(image, mask, grid, Size);

        Assert.True(compositeMask.Count() > 0);
        Assert.True(CountMismatches(composite, compositeMask) <= 8, $"{CountMismatches(composite, compositeMask)} pixels disagree");
        Assert.Equal(0, CountMaskOnDecoy(composite, compositeMask));
    }

    [Fact]
    public void BuildSaliency_TwoSquares_GivesTwoBlobs()
    {
        var mask = new BinaryMask(Size, Size);
        Fill(mask, Tumour, 1);
        Fill(mask, Decoy, 1);
        var options = new SaliencyOptions();

        var saliency = TrainingPairResampler.BuildSaliency(mask, options);

        Assert.Equal(2, saliency.Blobs.Count);
        Assert.Equal(options.ContextFloor, saliency.Values[0, 0]);
        Assert.True(saliency.Values[(Tumour.Left + 16) / 8, (Tumour.Top + 16) / 8] > 1);
    }

    private static SamplingGrid GridFrom(BinaryMask mask) =>
        SaliencySampler.ComputeGrid(TrainingPairResampler.BuildSaliency(mask, new SaliencyOptions()).Values, new SamplerOptions());

    /// <summary>Paints the field at <paramref name="scale"/> times the input size, image and mask alike.</summary>
    private static (RgbImage Image, BinaryMask Mask) Paint(int scale)
    {
        var side = Size * scale;
        var image = new RgbImage(side, side);
        image.Fill(200, 200, 200);
        var mask = new BinaryMask(side, side);
        FillImage(image, Tumour, scale, (220, 0, 0));
        FillImage(image, Decoy, scale, (0, 0, 220));
        Fill(mask, Tumour, scale);
        return (image, mask);
    }

    private static void FillImage(RgbImage image, (int Left, int Top, int Side) square, int scale, (byte R, byte G, byte B) colour)
    {
        for (var y = square.Top * scale; y < (square.Top + square.Side) * scale; y++)
        {
            for (var x = square.Left * scale; x < (square.Left + square.Side) * scale; x++)
            {
                var offset = (y * image.Width + x) * 3;
                (image.Pixels[offset], image.Pixels[offset + 1], image.Pixels[offset + 2]) = colour;
            }
        }
    }

    private static void Fill(BinaryMask mask, (int Left, int Top, int Side) square, int scale)
    {
        for (var y = square.Top * scale; y < (square.Top + square.Side) * scale; y++)
        {
            for (var x = square.Left * scale; x < (square.Left + square.Side) * scale; x++)
            {
                mask[x, y] = true;
            }
        }
    }

    /// <summary>
    /// Counts composite pixels where the mask and the image disagree about the tumour square. Green and blue fall
    /// from 200 to 0 across the square's edge exactly as the interpolated mask rises from 0 to 1, so both cross the
    /// halfway mark at the same place, and only rounding at that mark can differ.
    /// </summary>
    private static int CountMismatches(RgbImage image, BinaryMask mask)
    {
        var mismatches = 0;
        for (var i = 0; i < mask.Values.Length; i++)
        {
            var (green, blue) = (image.Pixels[i * 3 + 1], image.Pixels[i * 3 + 2]);
            var tumourColour = green < 100 && blue < 100;
            mismatches += tumourColour != mask.Values[i] ? 1 : 0;
        }

        return mismatches;
    }

    private static int CountMaskOnDecoy(RgbImage image, BinaryMask mask)
    {
        var count = 0;
        for (var i = 0; i < mask.Values.Length; i++)
        {
            var (red, blue) = (image.Pixels[i * 3], image.Pixels[i * 3 + 2]);
            count += mask.Values[i] && blue > 150 && red < 100 ? 1 : 0;
        }

        return count;
    }
}
