using BladderLnAi.Analysis.Findings;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Training.Evaluation;

namespace BladderLnAi.Training.Tests.Evaluation;

/// <summary>Hand-made outlines, foci and detections for the evaluation tests.</summary>
internal static class Shapes
{
    /// <summary>Returns the axis-aligned square with top-left corner (left, top), clockwise on screen.</summary>
    public static IReadOnlyList<PointD> Square(double left, double top, double side) =>
    [
        new(left, top),
        new(left + side, top),
        new(left + side, top + side),
        new(left, top + side),
    ];

    public static GroundTruthFocus Focus(int id, double left, double top, double side, SizeClass sizeClass, double? microns = null) =>
        new(id, Square(left, top, side), sizeClass, microns);

    public static Detection Detection(double left, double top, double side, float probability) =>
        new(Square(left, top, side), probability);
}
