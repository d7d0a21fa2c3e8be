using BladderLnAi.Inference;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Observability;

namespace BladderLnAi.Web.Analysis;

/// <summary>
/// Loads the segmentation model on first use and keeps it for the life of the host. A failed load is not
/// remembered, so fixing the model folder and retrying the job works without a restart.
/// </summary>
public sealed class SegmentationModelProvider(
    AppPaths paths,
    AnalysisHostOptions options,
    BladderLnAiMetrics metrics,
    ILogger<SegmentationModelProvider> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private ISegmentationModel? _model;

    /// <exception cref="ModelLoadException">The model folder, manifest or ONNX file is invalid.</exception>
    public ISegmentationModel Get()
    {
        lock (_gate)
        {
            return _model ??= new MeasuredSegmentationModel(
                OnnxSegmentationModel.Load(paths.ModelDirectory, options.Device, logger),
                metrics);
        }
    }

    /// <summary>Returns the manifest without loading the network, or null when it cannot be read.</summary>
    public ModelManifest? TryReadManifest()
    {
        try
        {
            return _model?.Manifest ?? ModelManifest.Load(paths.ModelDirectory);
        }
        catch (ModelLoadException)
        {
            return null;
        }
    }

    public void Dispose() => _model?.Dispose();
}
