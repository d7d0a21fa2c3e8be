using BladderLnAi.Imaging.Rasters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BladderLnAi.Inference;

/// <summary>
/// Runs an exported segmentation network with ONNX Runtime on CUDA when available and on the CPU otherwise.
/// </summary>
/// <remarks>
/// <see cref="Segment"/> may be called from several threads because <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/>
/// is thread-safe.
/// </remarks>
public sealed partial class OnnxSegmentationModel : ISegmentationModel
{
    private readonly InferenceSession _session;

    private OnnxSegmentationModel(ModelManifest manifest, InferenceSession session, string executionProvider)
    {
        Manifest = manifest;
        _session = session;
        ExecutionProvider = executionProvider;
    }

    public ModelManifest Manifest { get; }

    public int InputSize => Manifest.Input.Size;

    public string ExecutionProvider { get; }

    /// <summary>
    /// Loads the model described by the manifest in <paramref name="modelDirectory"/> on the requested device.
    /// </summary>
    /// <exception cref="ModelLoadException">The manifest or model is invalid, or CUDA was required and failed.</exception>
    public static OnnxSegmentationModel Load(string modelDirectory, ExecutionDevice device, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var manifest = ModelManifest.Load(modelDirectory);
        var (session, provider) = CreateSession(manifest, device, logger);
        Log.ModelLoaded(logger, manifest.Name, manifest.Version, manifest.Sha256, provider);
        return new OnnxSegmentationModel(manifest, session, provider);
    }

    public FloatMap Segment(RgbImage image)
    {
        var size = InputSize;
        if (image.Width != size || image.Height != size)
        {
            throw new ArgumentException(
                $"Image is {image.Width} x {image.Height} pixels but the model takes {size} x {size}.", nameof(image));
        }

        var input = new DenseTensor<float>([1, 3, size, size]);
        FillInput(image, input.Buffer.Span);
        var inputs = new[] { NamedOnnxValue.CreateFromTensor(Manifest.Input.Name, input) };
        using var outputs = _session.Run(inputs, [Manifest.Output.Name]);
        var logits = outputs[0].AsTensor<float>();
        return ToProbability(logits, size);
    }

    public void Dispose() => _session.Dispose();

    private static (InferenceSession Session, string Provider) CreateSession(
        ModelManifest manifest,
        ExecutionDevice device,
        ILogger logger)
    {
        if (device != ExecutionDevice.Cpu)
        {
            try
            {
                return (CreateSession(manifest, useCuda: true), "CUDA");
            }
            catch (OnnxRuntimeException ex) when (device == ExecutionDevice.Auto)
            {
                Log.CudaUnavailable(logger, ex.Message);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelLoadException(
                    $"The CUDA execution provider could not start ({ex.Message}). Install the CUDA 13 and cuDNN "
                    + "libraries, or set Analysis:Device (web host) or --device (command line) to 'auto' or 'cpu'.",
                    ex);
            }
        }

        return (CreateSession(manifest, useCuda: false), "CPU");
    }

    private static InferenceSession CreateSession(ModelManifest manifest, bool useCuda)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (useCuda)
        {
            // A missing CUDA library is expected on CPU machines and is logged once as a warning by the caller.
            options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            options.AppendExecutionProvider_CUDA(0);
        }

        try
        {
            return new InferenceSession(manifest.ModelPath, options);
        }
        catch (OnnxRuntimeException) when (useCuda)
        {
            throw;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"ONNX Runtime could not load '{manifest.ModelPath}': {ex.Message}", ex);
        }
    }

    private void FillInput(RgbImage image, Span<float> tensor)
    {
        var input = Manifest.Input;
        var plane = image.Width * image.Height;
        var pixels = image.Pixels;
        var bgr = string.Equals(input.ChannelOrder, "BGR", StringComparison.OrdinalIgnoreCase);
        for (var channel = 0; channel < 3; channel++)
        {
            var source = bgr ? 2 - channel : channel;
            var scale = 1f / (input.Scale * input.Std[channel]);
            var offset = input.Mean[channel] / input.Std[channel];
            var destination = tensor.Slice(channel * plane, plane);
            for (var i = 0; i < plane; i++)
            {
                destination[i] = pixels[i * 3 + source] * scale - offset;
            }
        }
    }

    private FloatMap ToProbability(Tensor<float> logits, int size)
    {
        var probability = new FloatMap(size, size);
        var values = probability.Values;
        var sigmoid = Manifest.Output.Activation == "sigmoid";
        var index = 0;
        foreach (var value in logits)
        {
            values[index++] = sigmoid ? 1f / (1f + MathF.Exp(-value)) : Math.Clamp(value, 0f, 1f);
            if (index == values.Length)
            {
                break;
            }
        }

        return probability;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Loaded model {ModelName} {ModelVersion} (SHA-256 {ModelSha256}) on execution provider {ExecutionProvider}")]
        public static partial void ModelLoaded(
            ILogger logger, string modelName, string modelVersion, string modelSha256, string executionProvider);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
            Message = "CUDA execution provider unavailable, falling back to the CPU: {Reason}")]
        public static partial void CudaUnavailable(ILogger logger, string reason);
    }
}
