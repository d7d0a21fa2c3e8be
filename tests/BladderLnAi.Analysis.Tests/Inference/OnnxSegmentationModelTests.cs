using BladderLnAi.Analysis.Tests.Fixtures;
using BladderLnAi.Imaging.Rasters;
using BladderLnAi.Inference;
using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Analysis.Tests.Inference;

[Trait("Category", "Analysis")]
public class OnnxSegmentationModelTests(CpuModelFixture fixture) : IClassFixture<CpuModelFixture>
{
    /// <summary>The device node of the first NVIDIA GPU; without it CUDA cannot start.</summary>
    private const string NvidiaDeviceNode = "/dev/nvidia0";

    private readonly OnnxSegmentationModel _model = fixture.Model;

    [Fact]
    public void Segment_SlideRegion_ReturnsProbabilities()
    {
        var size = _model.InputSize;
        using var slide = WholeSlideImage.Open(TestPaths.SampleSlide("CMU-1-Small-Region.svs"));
        var image = slide.ReadRegion(600, 900, 0, size, size);

        var probability = _model.Segment(image);

        Assert.Equal(size, probability.Width);
        Assert.Equal(size, probability.Height);
        for (var i = 0; i < probability.Values.Length; i++)
        {
            var value = probability.Values[i];
            Assert.False(float.IsNaN(value), $"Probability at pixel {i % size}, {i / size} is NaN.");
            Assert.True(
                value is >= 0f and <= 1f,
                $"Probability {value} at pixel {i % size}, {i / size} is outside [0, 1].");
        }
    }

    [Fact]
    public void Segment_WhiteImage_ReturnsProbabilities()
    {
        var size = _model.InputSize;
        var image = new RgbImage(size, size);
        image.Fill(255, 255, 255);

        var probability = _model.Segment(image);

        Assert.Equal(size * size, probability.Values.Length);
        Assert.All(probability.Values, value => Assert.InRange(value, 0f, 1f));
    }

    [Theory]
    [InlineData(256, 256)]
    [InlineData(512, 256)]
    [InlineData(513, 513)]
    public void Segment_WrongInputSize_ThrowsArgumentException(int width, int height)
    {
        var image = new RgbImage(width, height);

        var exception = Assert.Throws<ArgumentException>(() => _model.Segment(image));

        Assert.Equal("image", exception.ParamName);
        Assert.Contains($"{width} x {height}", exception.Message);
    }

    [Fact]
    public void Load_CpuDevice_ReportsCpuProvider()
    {
        var provider = _model.ExecutionProvider;

        Assert.Equal("CPU", provider);
    }

    [Fact]
    public void Load_AutoDevice_FallsBackToCpu()
    {
        using var model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, ExecutionDevice.Auto);

        Assert.Contains(model.ExecutionProvider, new[] { "CPU", "CUDA" });
        if (!File.Exists(NvidiaDeviceNode))
        {
            Assert.True(
                model.ExecutionProvider == "CPU",
                $"No {NvidiaDeviceNode} on this machine, yet the model runs on {model.ExecutionProvider}.");
        }
    }

    [Fact]
    public void Load_CudaDevice_RunsOnCudaOrThrows()
    {
        string? provider = null;

        var exception = Record.Exception(() =>
        {
            using var model = OnnxSegmentationModel.Load(TestPaths.ModelDirectory, ExecutionDevice.Cuda);
            provider = model.ExecutionProvider;
        });

        if (exception is null)
        {
            Assert.True(File.Exists(NvidiaDeviceNode), $"CUDA started although {NvidiaDeviceNode} does not exist.");
            Assert.Equal("CUDA", provider);
            return;
        }

        var failure = Assert.IsType<ModelLoadException>(exception);
        Assert.Contains("CUDA", failure.Message);
        Assert.Contains("--device", failure.Message);
    }
}
