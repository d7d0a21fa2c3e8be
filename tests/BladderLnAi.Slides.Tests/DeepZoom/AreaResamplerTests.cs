using BladderLnAi.Slides;

namespace BladderLnAi.Slides.Tests.DeepZoom;

public class AreaResamplerTests
{
    [Fact]
    public void BoxReduce_FactorTwo_AveragesEachBlock()
    {
        // Two 2 x 2 blocks: the left one is 0, 10, 20, 30 in every channel, the right one 100 throughout.
        var source = Image(4, 2, (x, y) => x < 2 ? (byte)((y * 2 + x) * 10) : (byte)100);
        var output = new byte[2 * 1 * 3];

        AreaResampler.BoxReduce(source, 4 * 3, 4, 2, 2, output);

        Assert.Equal([15, 15, 15, 100, 100, 100], output);
    }

    [Fact]
    public void BoxReduce_OddSize_EdgePixelsAverageWhatTheyCover()
    {
        // 3 x 3 reduced by 2 gives 2 x 2, as Deep Zoom levels round up: the right column and bottom row cover one
        // source column or row, the corner a single pixel. Pixel (x, y) is 10 x + 60 y.
        var source = Image(3, 3, (x, y) => (byte)(10 * x + 60 * y));
        var output = new byte[2 * 2 * 3];

        AreaResampler.BoxReduce(source, 3 * 3, 3, 3, 2, output);

        Assert.Equal(35, output[0]);
        Assert.Equal(50, output[3]);
        Assert.Equal(125, output[6]);
        Assert.Equal(140, output[9]);
    }

    [Fact]
    public void BoxReduce_FactorThree_AveragesNineRows()
    {
        var source = Image(6, 3, (x, y) => (byte)(x < 3 ? y * 30 : 250));
        var output = new byte[2 * 1 * 3];

        AreaResampler.BoxReduce(source, 6 * 3, 6, 3, 3, output);

        Assert.Equal(30, output[0]);
        Assert.Equal(250, output[3]);
    }

    [Fact]
    public void BoxReduce_Stride_ReadsPartOfLargerImage()
    {
        // The right half of a 4 x 2 image is 90; reading it through the stride must not see the left half's 10.
        var image = Image(4, 2, (x, _) => (byte)(x < 2 ? 10 : 90));
        var output = new byte[3];

        AreaResampler.BoxReduce(image.AsSpan(2 * 3), 4 * 3, 2, 2, 2, output);

        Assert.Equal([90, 90, 90], output);
    }

    [Theory]
    [InlineData(510, 255)]
    [InlineData(509, 254)]
    [InlineData(1016, 254)]
    [InlineData(100, 37)]
    [InlineData(40, 41)]
    public void Resize_UniformImage_StaysUniform(int sourceSide, int side)
    {
        var source = Image(sourceSide, sourceSide, (_, _) => 173);
        var output = new byte[side * side * 3];

        AreaResampler.Resize(source, sourceSide, sourceSide, output, side, side);

        Assert.All(output, value => Assert.Equal(173, value));
    }

    [Fact]
    public void Resize_HalfSize_MatchesBoxReduceWithinRounding()
    {
        var random = new Random(7);
        var source = Image(64, 48, (_, _) => (byte)random.Next(256));
        var resized = new byte[32 * 24 * 3];
        var reduced = new byte[32 * 24 * 3];

        AreaResampler.Resize(source, 64, 48, resized, 32, 24);
        AreaResampler.BoxReduce(source, 64 * 3, 64, 48, 2, reduced);

        for (var i = 0; i < resized.Length; i++)
        {
            Assert.InRange(resized[i] - reduced[i], -1, 1);
        }
    }

    [Fact]
    public void Resize_KeepsEdgesInPlace()
    {
        // A dark left quarter must stay the left quarter after scaling 400 to 100 pixels: columns 0 to 24 dark,
        // 25 onwards light, with no blur across the boundary because it falls on an output pixel edge.
        var source = Image(400, 4, (x, _) => (byte)(x < 100 ? 0 : 255));
        var output = new byte[100 * 1 * 3];

        AreaResampler.Resize(source, 400, 4, output, 100, 1);

        Assert.Equal(0, output[24 * 3]);
        Assert.Equal(255, output[25 * 3]);
    }

    [Fact]
    public void Resize_DestinationTooSmall_Throws()
    {
        var source = new byte[10 * 10 * 3];

        Assert.Throws<ArgumentException>(() => AreaResampler.Resize(source, 10, 10, new byte[5 * 5 * 3 - 1], 5, 5));
    }

    /// <summary>Creates an RGB image whose three channels all equal <paramref name="value"/>(x, y).</summary>
    private static byte[] Image(int width, int height, Func<int, int, byte> value)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = value(x, y);
                pixels[(y * width + x) * 3] = v;
                pixels[(y * width + x) * 3 + 1] = v;
                pixels[(y * width + x) * 3 + 2] = v;
            }
        }

        return pixels;
    }
}
