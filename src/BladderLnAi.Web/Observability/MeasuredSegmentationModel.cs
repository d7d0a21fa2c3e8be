using System.Diagnostics;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;

namespace BladderLnAi.Web.Observability;

/// <summary>A segmentation model that records the time of every pass in <see cref="BladderLnAiMetrics"/>.</summary>
public sealed class MeasuredSegmentationModel(ISegmentationModel inner, BladderLnAiMetrics metrics) : ISegmentationModel
{
    public ModelManifest Manifest => inner.Manifest;

    public int InputSize => inner.InputSize;

    public string ExecutionProvider => inner.ExecutionProvider;

    public FloatMap Segment(RgbImage image)
    {
        var started = Stopwatch.GetTimestamp();
        var probabilities = inner.Segment(image);
        metrics.RecordInference(inner.ExecutionProvider, Stopwatch.GetElapsedTime(started));
        return probabilities;
    }

    public void Dispose() => inner.Dispose();
}
