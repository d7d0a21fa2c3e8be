using BladderLnAi.Inference;
using Microsoft.Extensions.Logging;

namespace BladderLnAi.Jobs.Running;

/// <summary>The model folder and the inference device that a host analyses with.</summary>
/// <param name="Directory">Folder with <c>manifest.json</c> and the ONNX file, as an absolute path.</param>
public sealed record ModelLocation(string Directory, ExecutionDevice Device);

/// <summary>
/// Loads the segmentation model on first use and keeps it for the life of the host. A failed load is not
/// remembered, so fixing the model folder and retrying the job works without a restart.
/// </summary>
/// <param name="inferenceClock">Receives the time of every network pass; hosts without metrics leave it out.</param>
public sealed class SegmentationModelProvider(
    ModelLocation location,
    ILogger<SegmentationModelProvider> logger,
    InferenceClock? inferenceClock = null) : IDisposable
{
    private readonly Lock _gate = new();
    private ISegmentationModel? _model;

    /// <exception cref="ModelLoadException">The model folder, manifest or ONNX file is invalid.</exception>
    public ISegmentationModel Get()
    {
        lock (_gate)
        {
            if (_model is null)
            {
                var model = OnnxSegmentationModel.Load(location.Directory, location.Device, logger);
                _model = inferenceClock is null ? model : new MeasuredSegmentationModel(model, inferenceClock);
            }

            return _model;
        }
    }

    /// <summary>Returns the manifest without loading the network, or null when it cannot be read.</summary>
    public ModelManifest? TryReadManifest()
    {
        try
        {
            return _model?.Manifest ?? ModelManifest.Load(location.Directory);
        }
        catch (ModelLoadException)
        {
            return null;
        }
    }

    public void Dispose() => _model?.Dispose();
}
