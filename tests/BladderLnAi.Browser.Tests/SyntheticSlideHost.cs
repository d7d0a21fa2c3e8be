using BladderLnAi.Tests;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Browser.Tests;

/// <summary>
/// A web host process that also serves one synthetic lymph node slide (seed 1: a macrometastasis and clusters of
/// isolated tumour cells, 8192 x 8192 pixels at 0.25 um per pixel), on which the bundled model finds deposits.
/// </summary>
public sealed class SyntheticSlideHost : IAsyncLifetime
{
    public const int Seed = 1;

    private readonly string _folder = TestPaths.NewTempDirectory("synthetic-review");

    public WebHostProcess Host { get; private set; } = null!;

    /// <summary>Catalogue id of the synthetic slide.</summary>
    public static string SlideId => SyntheticSlideGenerator.BaseName(Seed);

    public async Task InitializeAsync()
    {
        SyntheticSlideGenerator.Generate(new SyntheticSlideOptions { Seed = Seed }, _folder);
        Host = new WebHostProcess([_folder]);
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
