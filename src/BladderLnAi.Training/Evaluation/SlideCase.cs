namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// The ground truth of one slide and the detections that one method made on it.
/// </summary>
/// <param name="MicronsPerPixel">
/// Level-0 microns per pixel. Null means the slide has no scale, so detections can only match foci by overlap.
/// </param>
public sealed record SlideCase(
    string SlideId,
    double? MicronsPerPixel,
    IReadOnlyList<GroundTruthFocus> Foci,
    IReadOnlyList<Detection> Detections);
