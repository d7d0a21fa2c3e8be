using BladderLnAi.Cli;
using BladderLnAi.Inference;
using BladderLnAi.Tests;

namespace BladderLnAi.Analysis.Tests.Fixtures;

/// <summary>
/// One <c>bladderln analyze CMU-1-Small-Region.svs --out DIR</c> run with the default model and device, shared by
/// the tests of a class because it takes about 20 s on two CPU cores.
/// </summary>
public sealed class CliAnalysisFixture : IAsyncLifetime
{
    public const string SlideFileName = "CMU-1-Small-Region.svs";

    private readonly string _temporaryDirectory = TestPaths.NewTempDirectory("cli-analyze");

    /// <summary>Output folder, which does not exist before the run.</summary>
    public string OutputDirectory => Path.Combine(_temporaryDirectory, "out");

    /// <summary>The bundled manifest as read just before the run.</summary>
    public ModelManifest Manifest { get; private set; } = null!;

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Manifest = ModelManifest.Load(TestPaths.ModelDirectory);
        using var output = new StringWriter();
        using var error = new StringWriter();

        ExitCode = await CommandLine.RunAsync(
            ["analyze", TestPaths.SampleSlide(SlideFileName), "--out", OutputDirectory],
            output,
            error);

        Output = output.ToString();
        Error = error.ToString();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_temporaryDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
