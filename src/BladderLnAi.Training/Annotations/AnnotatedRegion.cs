using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Training.Annotations;

/// <summary>
/// One annotated tumour region in level-0 pixel coordinates: an outer ring and the holes cut out of it.
/// </summary>
/// <param name="Outer">Outer ring, closed implicitly (the first point is not repeated).</param>
/// <param name="Holes">
/// Rings whose inside is not part of the region, closed implicitly. A hole may extend past the outer ring, as an
/// ASAP exclusion annotation can, and only its overlap with the outer ring is removed.
/// </param>
/// <param name="ClassName">Classification or group name from the file, or null when the file gives none.</param>
public sealed record AnnotatedRegion(
    IReadOnlyList<PointD> Outer,
    IReadOnlyList<IReadOnlyList<PointD>> Holes,
    string? ClassName);
