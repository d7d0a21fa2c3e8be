using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Imaging.Tests.Resampling;

[Trait("Category", "Imaging")]
public class SaliencySamplerTests
{
    private const int N = SyntheticFields.FieldSize;

    [Fact]
    public void UniformSaliency_GivesIdentityGrid()
    {
        var saliency = new FloatMap(64, 64);
        Array.Fill(saliency.Values, 0.37f);

        var grid = SaliencySampler.ComputeGrid(saliency, new SamplerOptions());

        var identity = SamplingGrid.Identity(64, 64);
        for (var i = 0; i < grid.U.Length; i++)
        {
            Assert.True(Math.Abs(grid.U[i] - identity.U[i]) < 1e-4, $"u[{i}] = {grid.U[i]}, expected {identity.U[i]}");
            Assert.True(Math.Abs(grid.V[i] - identity.V[i]) < 1e-4, $"v[{i}] = {grid.V[i]}, expected {identity.V[i]}");
        }
    }

    [Fact]
    public void FieldWithoutBlobs_GivesIdentityGrid()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs());

        foreach (var (x, y) in new[] { (0.0, 0.0), (0.013, 0.5), (0.5, 0.5), (0.77, 0.991), (1.0, 1.0) })
        {
            grid.Map(x, y, out var u, out var v);
            Assert.True(Math.Abs(u - x) < 1e-4, $"u({x}, {y}) = {u}");
            Assert.True(Math.Abs(v - y) < 1e-4, $"v({x}, {y}) = {v}");
            Assert.True(Math.Abs(grid.LocalMagnification(x, y) - 1) < 1e-3, $"magnification at ({x}, {y})");
        }
    }

    [Fact]
    public void SalientSpot_IsMagnified()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((200, 300, 3)));

        var magnification = SyntheticFields.MagnificationAt(grid, 200, 300);

        Assert.True(magnification > 1.5, $"Magnification at the spot is {magnification:F2}, expected above 1.5.");
    }

    [Fact]
    public void SalientSpot_CompositeStillCoversWholeField()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((200, 300, 3)));
        var (u, v) = MapCompositeCentres(grid);

        Assert.True(u.Min() < 0.02, $"Leftmost sample at u = {u.Min():F4}, expected below 0.02.");
        Assert.True(u.Max() > 0.98, $"Rightmost sample at u = {u.Max():F4}, expected above 0.98.");
        Assert.True(v.Min() < 0.02, $"Topmost sample at v = {v.Min():F4}, expected below 0.02.");
        Assert.True(v.Max() > 0.98, $"Bottom sample at v = {v.Max():F4}, expected above 0.98.");

        // Neighbouring composite pixels sample at most 3 field pixels apart: context is compressed
        // at most 3-fold, so no region of the field drops out of the composite.
        var maxGap = MaxNeighbourGap(u, v) * N;
        Assert.True(
            maxGap <= 3,
            $"Largest gap between neighbouring samples is {maxGap:F2} field pixels, expected at most 3.");
    }

    [Fact]
    public void TwoSeparatedSpots_AreBothMagnified()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((128, 140, 3), (390, 370, 4)));

        var first = SyntheticFields.MagnificationAt(grid, 128, 140);
        var second = SyntheticFields.MagnificationAt(grid, 390, 370);

        Assert.True(first > 1.3, $"Magnification at the first spot is {first:F2}, expected above 1.3.");
        Assert.True(second > 1.3, $"Magnification at the second spot is {second:F2}, expected above 1.3.");
    }

    [Fact]
    public void SmallSpotBesideLargeBlob_IsMagnified()
    {
        // A 160-pixel blob and, 60 pixels beyond its edge, a 6-pixel spot.
        var probability = SyntheticFields.Discs((150, 256, 80), (290, 256, 3));
        var saliency = SaliencyBuilder.Build(probability, new SaliencyOptions());
        var grid = SaliencySampler.ComputeGrid(saliency.Values, new SamplerOptions());

        var magnification = SyntheticFields.MagnificationAt(grid, 290, 256);

        Assert.Equal(2, saliency.Blobs.Count);
        Assert.True(magnification > 1.3, $"Magnification at the small spot is {magnification:F2}, expected above 1.3.");
    }

    [Fact]
    public void Map_ReachesFieldEdgesForNonTrivialGrid()
    {
        var grid = SyntheticFields.GridFor(SyntheticFields.Discs((40, 30, 6), (480, 500, 6)));

        foreach (var (x, y) in new[] { (0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0) })
        {
            grid.Map(x, y, out var u, out var v);
            Assert.Equal(x, u, 1e-9);
            Assert.Equal(y, v, 1e-9);
        }

        grid.Map(0, 0.4, out var leftU, out _);
        grid.Map(0.6, 1, out _, out var bottomV);
        Assert.Equal(0, leftU, 1e-9);
        Assert.Equal(1, bottomV, 1e-9);
    }

    [Fact]
    public void Options_RejectInvalidValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerOptions { KernelSigma = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerOptions { KernelSigma = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerOptions { Padding = 0 });
    }

    [Fact]
    public void NegativeSaliency_IsRejected()
    {
        var saliency = new FloatMap(8, 8);
        saliency[3, 5] = -1;

        var error = Assert.Throws<ArgumentException>(() => SaliencySampler.ComputeGrid(saliency, new SamplerOptions()));

        Assert.Contains("(3, 5)", error.Message);
    }

    private static (double[] U, double[] V) MapCompositeCentres(SamplingGrid grid)
    {
        var u = new double[N * N];
        var v = new double[N * N];
        for (var j = 0; j < N; j++)
        {
            for (var i = 0; i < N; i++)
            {
                grid.Map((i + 0.5) / N, (j + 0.5) / N, out u[j * N + i], out v[j * N + i]);
            }
        }

        return (u, v);
    }

    private static double MaxNeighbourGap(double[] u, double[] v)
    {
        var max = 0.0;
        for (var j = 0; j < N; j++)
        {
            for (var i = 0; i < N; i++)
            {
                var index = j * N + i;
                if (i + 1 < N)
                {
                    max = Math.Max(max, Distance(u, v, index, index + 1));
                }

                if (j + 1 < N)
                {
                    max = Math.Max(max, Distance(u, v, index, index + N));
                }
            }
        }

        return max;
    }

    private static double Distance(double[] u, double[] v, int first, int second) =>
        Math.Sqrt(Math.Pow(u[second] - u[first], 2) + Math.Pow(v[second] - v[first], 2));
}
