using BladderLnAi.Imaging.Rasters;

namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// A coarse saliency map of one field and the suspicious blobs it was built from.
/// </summary>
/// <param name="Values">Saliency per grid cell; the cells cover the field evenly.</param>
/// <param name="Blobs">The suspicious blobs in label order, empty when the field has none.</param>
public sealed record SaliencyMap(FloatMap Values, IReadOnlyList<SalientBlob> Blobs);
