using System.Diagnostics;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;

namespace BladderLnAi.Jobs.Running;

/// <summary>Where a host records the time of each network pass, such as an OpenTelemetry histogram.</summary>
/// <param name="Record">Called with the execution provider and the time of one pass.</param>
public sealed record InferenceClock(Action<string, TimeSpan> Record);

/// <summary>A segmentation model that reports the time of every pass to an <see cref="InferenceClock"/>.</summary>
public sealed class MeasuredSegmentationModel(ISegmentationModel inner, InferenceClock clock) : ISegmentationModel
{
    public ModelManifest Manifest => inner.Manifest;

    public int InputSize => inner.InputSize;

    public string ExecutionProvider => inner.ExecutionProvider;

    public FloatMap Segment(RgbImage image)
    {
        var started = Stopwatch.GetTimestamp();
        var probabilities = inner.Segment(image);
        clock.Record(inner.ExecutionProvider, Stopwatch.GetElapsedTime(started));
        return probabilities;
    }

    public void Dispose() => inner.Dispose();
}
