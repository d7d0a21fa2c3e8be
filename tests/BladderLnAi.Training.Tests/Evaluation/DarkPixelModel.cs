using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;

namespace BladderLnAi.Training.Tests.Evaluation;

/// <summary>
/// A stand-in network for fast pipeline tests: probability 0.9 on pixels darker than a grey level, 0.05 elsewhere,
/// at any input resolution.
/// </summary>
internal sealed class DarkPixelModel(int inputSize = 512, double micronsPerPixel = 2.0, int darkBelow = 120) : ISegmentationModel
{
    public ModelManifest Manifest { get; } = new()
    {
        Name = "dark-pixels",
        Version = "test",
        File = "none.onnx",
        Sha256 = "none",
        Input = new ModelInput { Size = inputSize, MicronsPerPixel = micronsPerPixel },
        Output = new ModelOutput(),
    };

    public int InputSize => inputSize;

    public string ExecutionProvider => "test";

    public FloatMap Segment(RgbImage image)
    {
        var map = new FloatMap(image.Width, image.Height);
        for (var i = 0; i < map.Values.Length; i++)
        {
            var grey = (image.Pixels[i * 3] + image.Pixels[i * 3 + 1] + image.Pixels[i * 3 + 2]) / 3;
            map.Values[i] = grey < darkBelow ? 0.9f : 0.05f;
        }

        return map;
    }

    public void Dispose()
    {
    }
}
