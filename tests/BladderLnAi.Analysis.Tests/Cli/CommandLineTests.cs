using System.Text.Json;
using BladderLnAi.Analysis.Output;
using BladderLnAi.Analysis.Tests.Fixtures;
using BladderLnAi.Cli;
using BladderLnAi.Tests;
using SixLabors.ImageSharp;

namespace BladderLnAi.Analysis.Tests.Cli;

[Trait("Category", "Analysis")]
public sealed class CommandLineTests(CliAnalysisFixture analysis) : IClassFixture<CliAnalysisFixture>, IDisposable
{
    private const string SmallRegionSvs = "CMU-1-Small-Region.svs";

    /// <summary>The device node of the first NVIDIA GPU; without it the analysis must run on the CPU.</summary>
    private const string NvidiaDeviceNode = "/dev/nvidia0";

    private readonly string _temporaryDirectory = TestPaths.NewTempDirectory("cli");

    public void Dispose() => Directory.Delete(_temporaryDirectory, recursive: true);

    [Fact]
    public void RunAsync_Analyze_ReturnsSuccessAndWritesArtifacts()
    {
        var directory = analysis.OutputDirectory;

        var exitCode = analysis.ExitCode;

        Assert.True(exitCode == CommandLine.Success, $"analyze returned {exitCode}. Error output:\n{analysis.Error}");
        Assert.True(
            File.Exists(Path.Combine(directory, ArtifactFiles.FindingsGeoJson)),
            "findings.geojson is missing.");
        Assert.True(File.Exists(Path.Combine(directory, ArtifactFiles.Heatmap)), "heatmap.png is missing.");
        Assert.True(File.Exists(Path.Combine(directory, ArtifactFiles.Summary)), "summary.json is missing.");
        Assert.True(
            Directory.Exists(Path.Combine(directory, ArtifactFiles.CompositeFolder)),
            "The composites folder is missing.");
        Assert.Contains(directory, analysis.Output);
    }

    [Fact]
    public void RunAsync_Analyze_WritesSummary()
    {
        var manifest = analysis.Manifest;
        var summaryPath = Path.Combine(analysis.OutputDirectory, ArtifactFiles.Summary);

        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));

        var root = summary.RootElement;
        var slide = root.GetProperty("slide");
        Assert.Equal("cmu-1-small-region", slide.GetProperty("id").GetString());
        Assert.Equal(2220, slide.GetProperty("width").GetInt64());
        Assert.Equal(2967, slide.GetProperty("height").GetInt64());
        Assert.Equal(0.499, slide.GetProperty("micronsPerPixel").GetDouble(), precision: 6);

        var model = root.GetProperty("model");
        Assert.Equal(manifest.Name, model.GetProperty("name").GetString());
        Assert.Equal(manifest.Sha256, model.GetProperty("sha256").GetString());

        var provider = root.GetProperty("executionProvider").GetString();
        Assert.Contains(provider, new[] { "CPU", "CUDA" });
        if (!File.Exists(NvidiaDeviceNode))
        {
            Assert.Equal("CPU", provider);
        }

        Assert.True(root.GetProperty("fieldCount").GetInt32() > 0, "The summary reports no fields.");
        AssertStageTimes(root.GetProperty("stageSeconds"));
        AssertFindingsBySizeClass(root.GetProperty("findingsBySizeClass"));
    }

    [Fact]
    public void RunAsync_Analyze_HeatmapPngMatchesSummary()
    {
        var directory = analysis.OutputDirectory;
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, ArtifactFiles.Summary)));
        var heatmap = summary.RootElement.GetProperty("heatmap");

        var info = Image.Identify(Path.Combine(directory, ArtifactFiles.Heatmap));

        Assert.NotNull(info);
        Assert.Equal(heatmap.GetProperty("width").GetInt32(), info.Width);
        Assert.Equal(heatmap.GetProperty("height").GetInt32(), info.Height);
    }

    [Fact]
    public async Task RunAsync_Info_PrintsSlideDimensionsAsJson()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["info", TestPaths.SampleSlide(SmallRegionSvs)], output, error);

        Assert.True(exitCode == CommandLine.Success, $"info returned {exitCode}: {error}");
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal(2220, document.RootElement.GetProperty("width").GetInt64());
        Assert.Equal(2967, document.RootElement.GetProperty("height").GetInt64());
        Assert.Equal("aperio", document.RootElement.GetProperty("vendor").GetString());
    }

    [Fact]
    public async Task RunAsync_NoArguments_ReturnsUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync([], output, error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("Usage:", error.ToString());
        Assert.Contains("bladderln analyze SLIDE", error.ToString());
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndSucceeds()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["--help"], output, error);

        Assert.Equal(CommandLine.Success, exitCode);
        Assert.Contains("Usage:", output.ToString());
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ReturnsUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["segment", TestPaths.SampleSlide(SmallRegionSvs)], output, error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("'segment'", error.ToString());
    }

    [Fact]
    public async Task RunAsync_AnalyzeWithoutOut_NamesOutOption()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(["analyze", TestPaths.SampleSlide(SmallRegionSvs)], output, error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("--out", error.ToString());
    }

    [Fact]
    public async Task RunAsync_UnwritableOut_NamesOutBeforeLoadingModel()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var blocker = Path.Combine(_temporaryDirectory, "a-file");
        await File.WriteAllTextAsync(blocker, "");

        // A folder below a plain file can never be created.
        var exitCode = await CommandLine.RunAsync(
            ["analyze", TestPaths.SampleSlide(SmallRegionSvs), "--out", Path.Combine(blocker, "results"), "--model", "/nonexistent"],
            output,
            error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("--out", error.ToString());
        Assert.Contains("not a writable folder", error.ToString());
    }

    [Fact]
    public async Task RunAsync_TextFileAsSvs_ReturnsSlideError()
    {
        var fakeSlide = Path.Combine(_temporaryDirectory, "notes.svs");
        await File.WriteAllTextAsync(fakeSlide, "This is a text file, not a slide.\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(
            ["analyze", fakeSlide, "--out", Path.Combine(_temporaryDirectory, "out")],
            output,
            error);

        Assert.Equal(CommandLine.SlideError, exitCode);
        Assert.Contains("notes.svs", error.ToString());
    }

    [Fact]
    public async Task RunAsync_GpuDevice_ReturnsUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(
            [
                "analyze",
                TestPaths.SampleSlide(SmallRegionSvs),
                "--out",
                Path.Combine(_temporaryDirectory, "out"),
                "--device",
                "gpu",
            ],
            output,
            error);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("--device 'gpu'", error.ToString());
    }

    [Fact]
    public async Task RunAsync_MissingModelFolder_ReturnsModelError()
    {
        var modelDirectory = Path.Combine(_temporaryDirectory, "nonexistent");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(
            [
                "analyze",
                TestPaths.SampleSlide(SmallRegionSvs),
                "--out",
                Path.Combine(_temporaryDirectory, "out"),
                "--model",
                modelDirectory,
            ],
            output,
            error);

        Assert.Equal(CommandLine.ModelError, exitCode);
        Assert.Contains(modelDirectory, error.ToString());
        Assert.Contains("--model", error.ToString());
    }

    private static void AssertStageTimes(JsonElement stageSeconds)
    {
        foreach (var stage in new[] { "tissueDetection", "fieldReading", "uniformPass", "findings" })
        {
            Assert.True(stageSeconds.TryGetProperty(stage, out var seconds), $"stageSeconds has no '{stage}'.");
            Assert.True(seconds.GetDouble() >= 0, $"Stage '{stage}' took {seconds.GetDouble()} s.");
        }
    }

    private static void AssertFindingsBySizeClass(JsonElement findingsBySizeClass)
    {
        var counts = findingsBySizeClass
            .EnumerateObject()
            .ToDictionary(pair => pair.Name, pair => pair.Value.GetInt32());

        Assert.Equal(new[] { "itc", "macro", "micro", "unknown" }, counts.Keys.Order());
        Assert.All(counts, pair => Assert.True(pair.Value >= 0, $"Size class '{pair.Key}' has {pair.Value} findings."));
        Assert.Equal(0, counts["unknown"]);
    }
}
