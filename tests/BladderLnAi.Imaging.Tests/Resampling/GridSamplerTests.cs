using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Imaging.Tests.Resampling;

[Trait("Category", "Imaging")]
public class GridSamplerTests
{
    [Theory]
    [InlineData(512, 512)]
    [InlineData(97, 61)]
    public void SampleRgb_IdentityAtEqualSize_ReproducesSource(int width, int height)
    {
        var source = new RgbImage(width, height);
        new Random(7).NextBytes(source.Pixels);
        var destination = new RgbImage(width, height);

        GridSampler.SampleRgb(source, SamplingGrid.Identity(64, 64), destination);

        Assert.Equal(source.Pixels, destination.Pixels);
    }

    [Fact]
    public void SampleMap_IdentityAtEqualSize_ReproducesSource()
    {
        var source = SyntheticFields.SmoothImage(130, 70);
        var destination = new FloatMap(130, 70);

        GridSampler.SampleMap(source, SamplingGrid.Identity(64, 64), destination);

        var maxError = source.Values.Zip(destination.Values, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxError < 1e-4, $"Largest error is {maxError}, expected below 1e-4.");
    }

    [Fact]
    public void SampleRgb_ToSmallerComposite_AveragesNeighbours()
    {
        // A 4 x 1 source sampled into 2 x 1: each output pixel centre falls between two source pixels.
        var source = new RgbImage(4, 1, [0, 0, 0, 100, 100, 100, 200, 200, 200, 250, 250, 250]);
        var destination = new RgbImage(2, 1);

        GridSampler.SampleRgb(source, SamplingGrid.Identity(8, 8), destination);

        Assert.Equal(new byte[] { 50, 50, 50, 225, 225, 225 }, destination.Pixels);
    }

    [Fact]
    public void IdentityInverseMap_HasDensityOne()
    {
        var composite = SyntheticFields.SmoothImage(100, 80);

        var inverse = GridSampler.InverseMap(composite, SamplingGrid.Identity(64, 64), 100, 80);

        var densityError = inverse.Density.Values.Max(d => Math.Abs(d - 1));
        var valueError = composite.Values.Zip(inverse.Values.Values, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(densityError < 1e-4, $"Density differs from 1 by up to {densityError}.");
        Assert.True(valueError < 1e-4, $"Values differ by up to {valueError}.");
    }

    [Fact]
    public void HalfSizeInverseMap_HasDensityFour()
    {
        var composite = SyntheticFields.SmoothImage(128, 128);

        var inverse = GridSampler.InverseMap(composite, SamplingGrid.Identity(64, 64), 64, 64);

        var densityError = inverse.Density.Values.Max(d => Math.Abs(d - 4));
        Assert.True(densityError < 1e-3, $"Density differs from 4 by up to {densityError}.");
    }

    [Fact]
    public void ResampleThenInverseMap_ReproducesSmoothImage()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((200, 300, 3), (380, 120, 20), (90, 90, 40)));
        var field = SyntheticFields.SmoothImage(512, 512);
        var composite = new FloatMap(512, 512);

        GridSampler.SampleMap(field, grid, composite);
        var inverse = GridSampler.InverseMap(composite, grid, 512, 512);

        var errors = field.Values.Zip(inverse.Values.Values, (a, b) => Math.Abs(a - b)).ToArray();
        var meanError = errors.Average();
        var maxError = errors.Max();
        var interiorMaxError = InteriorMax(errors, 512, 512, margin: 8);
        var maxDensity = inverse.Density.Values.Max();
        Assert.True(maxDensity > 4, $"The grid should magnify: largest density is {maxDensity:F2}.");
        Assert.True(inverse.Density.Values.Min() > 0, "Every field pixel should be covered.");
        Assert.True(meanError < 1e-4, $"Mean absolute error is {meanError:E2}, expected below 1e-4.");
        Assert.True(
            interiorMaxError < 2e-3,
            $"Max absolute error 8 or more pixels from the edge is {interiorMaxError:E2}, expected below 2e-3.");

        // Where the grid pulls the composite's outermost samples a few pixels into the field, the
        // strip between them and the field edge repeats the outermost sample.
        Assert.True(maxError < 3e-2, $"Max absolute error is {maxError:E2}, expected below 3e-2.");
    }

    [Fact]
    public void InverseMap_DensitySumsToCompositePixelCount()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((200, 300, 3), (380, 120, 20)));
        var composite = new FloatMap(300, 200);

        var inverse = GridSampler.InverseMap(composite, grid, 777, 555);

        // Density is constant per warped cell, so its sum over target pixels only approximates the
        // composite's area; 2% covers that discretisation.
        var total = inverse.Density.Values.Sum(d => (double)d);
        Assert.True(
            Math.Abs(total - 300 * 200) < 0.02 * 300 * 200,
            $"Density sums to {total:F0}, expected about {300 * 200}.");
    }

    [Fact]
    public void InverseMap_FoldedGridIsDeterministic()
    {
        // Blobs touching the field edge pull grid points past it, and the clamp folds the mesh there.
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((0, 0, 30), (256, 5, 4)));
        var composite = SyntheticFields.SmoothImage(512, 512);

        var first = GridSampler.InverseMap(composite, grid, 512, 512);
        var second = GridSampler.InverseMap(composite, grid, 512, 512);

        Assert.Equal(first.Values.Values, second.Values.Values);
        Assert.Equal(first.Density.Values, second.Density.Values);
        Assert.True(first.Density.Values.Min() > 0, "Every field pixel should be covered.");
    }

    [Fact]
    public void InverseMap_DensityFollowsMagnification()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((200, 300, 3)));
        var composite = new FloatMap(512, 512);

        var inverse = GridSampler.InverseMap(composite, grid, 512, 512);

        var expected = Math.Pow(SyntheticFields.MagnificationAt(grid, 200, 300), 2);
        var density = inverse.Density[200, 300];
        Assert.True(
            Math.Abs(density - expected) < 0.2 * expected,
            $"Density at the spot is {density:F2}, expected about {expected:F2}.");
    }

    private static float InteriorMax(float[] values, int width, int height, int margin)
    {
        var max = 0f;
        for (var y = margin; y < height - margin; y++)
        {
            for (var x = margin; x < width - margin; x++)
            {
                max = Math.Max(max, values[y * width + x]);
            }
        }

        return max;
    }
}
