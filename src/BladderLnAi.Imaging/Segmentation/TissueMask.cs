namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// The tissue found on a slide thumbnail.
/// </summary>
/// <param name="Mask">Tissue pixels of the thumbnail.</param>
/// <param name="Threshold">
/// Grey level from Otsu's method; pixels at or below it are tissue. It is -1 when the thumbnail has too
/// little contrast, so that no pixel is tissue.
/// </param>
/// <param name="TissueFraction">Share of thumbnail pixels that are tissue, 0 to 1.</param>
public sealed record TissueMask(BinaryMask Mask, int Threshold, double TissueFraction);
