namespace BladderLnAi.Imaging.Resampling;

/// <summary>
/// One 8-connected group of suspicious saliency-grid cells.
/// </summary>
/// <param name="Label">Label of the blob's cells, from 1.</param>
/// <param name="AreaCells">Number of grid cells in the blob.</param>
/// <param name="Peak">Highest max-pooled probability in the blob.</param>
/// <param name="Weight">Saliency of the blob's peak cell above the context floor, 1 or more.</param>
/// <param name="MinU">Left edge of the blob's cell bounding box, in normalised field coordinates.</param>
/// <param name="MinV">Top edge of the bounding box.</param>
/// <param name="MaxU">Right edge of the bounding box.</param>
/// <param name="MaxV">Bottom edge of the bounding box.</param>
public sealed record SalientBlob(
    int Label,
    int AreaCells,
    float Peak,
    float Weight,
    double MinU,
    double MinV,
    double MaxU,
    double MaxV);
