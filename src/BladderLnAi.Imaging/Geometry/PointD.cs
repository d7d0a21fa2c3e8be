namespace BladderLnAi.Imaging.Geometry;

/// <summary>
/// A point with double-precision coordinates, x to the right and y downwards as in images.
/// </summary>
public readonly record struct PointD(double X, double Y);
