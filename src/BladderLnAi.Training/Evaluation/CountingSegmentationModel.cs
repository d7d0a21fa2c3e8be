using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Wraps a model and counts its network passes, a measure of compute that does not depend on machine load.
/// Disposing the wrapper leaves the wrapped model open.
/// </summary>
public sealed class CountingSegmentationModel(ISegmentationModel model) : ISegmentationModel
{
    private int _passes;

    /// <summary>Number of <see cref="Segment"/> calls so far.</summary>
    public int Passes => Volatile.Read(ref _passes);

    public ModelManifest Manifest => model.Manifest;

    public int InputSize => model.InputSize;

    public string ExecutionProvider => model.ExecutionProvider;

    public FloatMap Segment(RgbImage image)
    {
        Interlocked.Increment(ref _passes);
        return model.Segment(image);
    }

    public void Dispose()
    {
    }
}
