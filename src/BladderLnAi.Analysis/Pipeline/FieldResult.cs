using BladderLnAi.Imaging.Resampling;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// What the two passes found in one field.
/// </summary>
/// <param name="Resampled">True when the uniform pass found suspicious regions and a composite patch was made.</param>
/// <param name="Grid">The sampling grid of the composite patch; null when the field was not resampled.</param>
/// <param name="MaximumMagnification">Largest local magnification of the composite over the uniform pass.</param>
/// <param name="SourceSide">Side in pixels of the image the composite was sampled from.</param>
public sealed record FieldResult(
    FieldPlan Field,
    bool Resampled,
    IReadOnlyList<SalientBlob> Blobs,
    SamplingGrid? Grid,
    double MaximumMagnification,
    int SourceSide,
    float UniformMaximum,
    float CompositeMaximum);
