namespace BladderLnAi.Imaging.Segmentation;

/// <summary>
/// One connected component of a mask, with its inclusive pixel bounding box.
/// </summary>
/// <param name="Label">Label value in <see cref="ComponentLabels.Labels"/>, from 1.</param>
/// <param name="Area">Number of pixels.</param>
public readonly record struct Component(int Label, int Area, int MinX, int MinY, int MaxX, int MaxY);
