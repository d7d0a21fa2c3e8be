using BladderLnAi.Tests;
using BladderLnAi.Training.Synthetic;

namespace BladderLnAi.Training.Tests.Synthetic;

/// <summary>One synthetic slide at the default size (8192 x 8192 at 0.25 um per pixel), written once per test class.</summary>
public sealed class DefaultSlideFixture : IDisposable
{
    /// <summary>Seed 1 gives a macrometastasis and clusters of isolated tumour cells.</summary>
    public const int Seed = 1;

    private readonly string _folder = TestPaths.NewTempDirectory("synthetic-default");

    public DefaultSlideFixture()
    {
        Result = SyntheticSlideGenerator.Generate(new SyntheticSlideOptions { Seed = Seed }, _folder);
    }

    public SyntheticSlideResult Result { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
