using BladderLnAi.Inference;
using BladderLnAi.Tests;

namespace BladderLnAi.Analysis.Tests.Fixtures;

/// <summary>The bundled model loaded once on the CPU execution provider for a test class.</summary>
public sealed class CpuModelFixture : IDisposable
{
    public CpuModelFixture()
    {
        Model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, ExecutionDevice.Cpu);
    }

    public OnnxSegmentationModel Model { get; }

    public void Dispose() => Model.Dispose();
}
