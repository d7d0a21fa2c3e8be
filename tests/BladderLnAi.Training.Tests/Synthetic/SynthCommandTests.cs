using BladderLnAi.Cli;
using BladderLnAi.Slides;
using BladderLnAi.Tests;
using BladderLnAi.Training.Evaluation;

namespace BladderLnAi.Training.Tests.Synthetic;

[Trait("Category", "Model")]
public sealed class SynthCommandTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempDirectory("synth-command");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Synth_TwoSlides_WritesConsecutiveSeeds()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(
            ["synth", "--seed", "11", "--count", "2", "--width", "1536", "--height", "1024", "--mpp", "0.5", "--out", _folder],
            output,
            error);

        Assert.Equal(CommandLine.Success, code);
        Assert.Equal("", error.ToString());
        foreach (var seed in new[] { 11, 12 })
        {
            Assert.True(File.Exists(Path.Combine(_folder, $"synthetic-{seed}.geojson")));
            using var slide = WholeSlideImage.Open(Path.Combine(_folder, $"synthetic-{seed}.svs"));
            Assert.Equal(1536, slide.Width);
            Assert.Equal(1024, slide.Height);
            Assert.Equal(0.5, slide.MicronsPerPixel);
            Assert.Equal(2, slide.Levels.Count);
        }

        Assert.Contains("synthetic-12.svs", output.ToString());
    }

    [Fact]
    public async Task Synth_TumourFreeCount_EmptiesLastSlides()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(
            ["synth", "--seed", "21", "--count", "3", "--tumour-free-count", "2", "--width", "2048", "--height", "2048",
                "--out", _folder],
            output,
            error);

        Assert.Equal(CommandLine.Success, code);
        Assert.Equal("", error.ToString());
        Assert.NotEmpty(GroundTruthFiles.ReadFoci(Path.Combine(_folder, "synthetic-21.geojson"), 0.25));
        Assert.Empty(GroundTruthFiles.ReadFoci(Path.Combine(_folder, "synthetic-22.geojson"), 0.25));
        Assert.Empty(GroundTruthFiles.ReadFoci(Path.Combine(_folder, "synthetic-23.geojson"), 0.25));
        Assert.Contains("synthetic-23.geojson: no tumour", output.ToString());
    }

    [Theory]
    [InlineData("--seed", "1", "--out", "x", "--tumour-free-count", "2")]
    [InlineData("--seed", "1", "--out", "x", "--tumour-free-count", "-1")]
    [InlineData("--out", "x")]
    [InlineData("--seed", "1", "--out", "x", "--width", "100")]
    [InlineData("--seed", "1", "--out", "x", "--mpp", "zero")]
    [InlineData("--seed", "1", "--out", "x", "--count", "0")]
    [InlineData("--seed", "1", "--out", "x", "--colour", "red")]
    public async Task Synth_InvalidArguments_ReturnsUsageError(params string[] arguments)
    {
        var error = new StringWriter();

        var code = await CommandLine.RunAsync(["synth", .. arguments], new StringWriter(), error);

        Assert.Equal(CommandLine.UsageError, code);
        Assert.StartsWith("error: ", error.ToString());
    }
}
