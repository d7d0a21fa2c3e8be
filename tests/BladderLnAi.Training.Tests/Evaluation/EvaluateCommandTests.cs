using BladderLnAi.Cli;
using BladderLnAi.Tests;

namespace BladderLnAi.Training.Tests.Evaluation;

[Trait("Category", "Training")]
public class EvaluateCommandTests
{
    [Theory]
    [InlineData(new[] { "evaluate", "--out", "report" }, "--slides")]
    [InlineData(new[] { "evaluate", "--slides", "." }, "--out")]
    [InlineData(new[] { "evaluate", "--slides", ".", "--out", "r", "--methods", "uniform,magic" }, "magic")]
    [InlineData(new[] { "evaluate", "--slides", ".", "--out", "r", "--saliency-threshold", "1.5" }, "1.5")]
    [InlineData(new[] { "evaluate", "--slides", ".", "--out", "r", "--saliency-threshold", "0" }, "--saliency-threshold")]
    [InlineData(new[] { "analyze", "slide.svs", "--out", "r", "--saliency-threshold", "low" }, "low")]
    [InlineData(new[] { "dataset", "--slides", ".", "--out", "d", "--fields-per-slide", "0" }, "--fields-per-slide")]
    [InlineData(new[] { "dataset", "--slides", "." }, "--out")]
    public async Task RunAsync_InvalidArguments_ReturnsUsageError(string[] args, string expectedInMessage)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(args, output, error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains(expectedInMessage, error.ToString());
    }

    [Fact]
    public async Task RunAsync_NoGroundTruth_ReturnsUsageError()
    {
        var directory = TestPaths.NewTempDirectory("evaluate-empty");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = await CommandLine.RunAsync(["evaluate", "--slides", directory, "--out", "r"], output, error);

            Assert.Equal(CommandLine.UsageError, exitCode);
            Assert.Contains("ground truth", error.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
