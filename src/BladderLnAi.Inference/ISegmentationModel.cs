using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Inference;

/// <summary>
/// A network that returns a per-pixel metastasis probability for a square RGB image of <see cref="InputSize"/>.
/// </summary>
public interface ISegmentationModel : IDisposable
{
    ModelManifest Manifest { get; }

    /// <summary>Side of the square input in pixels.</summary>
    int InputSize { get; }

    /// <summary>The ONNX Runtime execution provider in use: <c>CUDA</c> or <c>CPU</c>.</summary>
    string ExecutionProvider { get; }

    /// <summary>Segments one image and returns probabilities in [0, 1] at the input size.</summary>
    FloatMap Segment(RgbImage image);
}
