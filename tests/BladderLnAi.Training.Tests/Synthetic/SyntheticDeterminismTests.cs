using System.Security.Cryptography;
using BladderLnAi.Analysis.Findings;
using BladderLnAi.Tests;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Training.Tests.Synthetic;

[Trait("Category", "Model")]
public sealed class SyntheticDeterminismTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("synthetic-determinism");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Generate_SameSeed_GivesIdenticalFiles()
    {
        var options = new SyntheticSlideOptions { Seed = 5, Width = 2048, Height = 1536 };

        var first = SyntheticSlideGenerator.Generate(options, Path.Combine(_folder, "first"));
        var second = SyntheticSlideGenerator.Generate(options, Path.Combine(_folder, "second"));
        var other = SyntheticSlideGenerator.Generate(options with { Seed = 6 }, Path.Combine(_folder, "other"));

        Assert.Equal(Sha256(first.SlidePath), Sha256(second.SlidePath));
        Assert.Equal(Sha256(first.GeoJsonPath), Sha256(second.GeoJsonPath));
        Assert.NotEqual(Sha256(first.SlidePath), Sha256(other.SlidePath));
        Assert.Equal("synthetic-6.svs", Path.GetFileName(other.SlidePath));
    }

    [Fact]
    public void Plan_FirstSeeds_CoverEverySizeClass()
    {
        var classes = new HashSet<SizeClass>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var plan = SyntheticSlidePlan.Create(new SyntheticSlideOptions { Seed = seed });
            Assert.InRange(plan.Foci.Count, 1, 10);
            classes.UnionWith(plan.Foci.Select(focus => focus.SizeClass));
        }

        Assert.Contains(SizeClass.IsolatedTumourCells, classes);
        Assert.Contains(SizeClass.Micrometastasis, classes);
        Assert.Contains(SizeClass.Macrometastasis, classes);
    }

    [Theory]
    [InlineData(-1, 8192, 8192, 0.25)]
    [InlineData(0, 512, 8192, 0.25)]
    [InlineData(0, 8192, 8192, 0.0)]
    [InlineData(0, 8192, 8192, double.NaN)]
    public void Plan_InvalidOptions_Throw(int seed, int width, int height, double micronsPerPixel)
    {
        var options = new SyntheticSlideOptions { Seed = seed, Width = width, Height = height, MicronsPerPixel = micronsPerPixel };

        Assert.Throws<ArgumentException>(() => SyntheticSlidePlan.Create(options));
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
