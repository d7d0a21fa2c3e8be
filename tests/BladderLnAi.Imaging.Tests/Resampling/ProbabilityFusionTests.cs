using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Imaging.Tests.Resampling;

[Trait("Category", "Imaging")]
public class ProbabilityFusionTests
{
    [Fact]
    public void Fuse_WeightsPassesByDensity()
    {
        var uniform = new FloatMap(3, 1, [0.2f, 0.8f, 0.5f]);
        var resampled = new InverseMapping(new FloatMap(3, 1, [0.6f, 0.2f, 0.9f]), new FloatMap(3, 1, [1f, 3f, 0f]));

        var fused = ProbabilityFusion.Fuse(uniform, resampled);

        Assert.Equal(0.4f, fused[0, 0], 1e-6);
        Assert.Equal(0.35f, fused[1, 0], 1e-6);
        Assert.Equal(0.5f, fused[2, 0], 1e-6);
    }

    [Fact]
    public void Fuse_SizeMismatch_NamesBothSizes()
    {
        var uniform = new FloatMap(3, 1);
        var resampled = new InverseMapping(new FloatMap(2, 2), new FloatMap(2, 2));

        var error = Assert.Throws<ArgumentException>(() => ProbabilityFusion.Fuse(uniform, resampled));

        Assert.Contains("3 x 1", error.Message);
        Assert.Contains("2 x 2", error.Message);
    }
}
