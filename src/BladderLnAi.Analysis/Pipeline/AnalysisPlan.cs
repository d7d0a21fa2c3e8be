using BladderLnAi.Imaging.Segmentation;

namespace BladderLnAi.Analysis.Pipeline;

/// <summary>
/// Where the fields of a slide lie and how the slide-level heatmap relates to level 0.
/// </summary>
/// <param name="FieldSize">Side of a field in level-0 pixels.</param>
/// <param name="HeatmapScale">Level-0 pixels per heatmap pixel.</param>
/// <param name="FieldHeatmapSize">Side of a field in heatmap pixels.</param>
/// <param name="MicronsPerPixelAssumed">True when the slide reports no microns per pixel and the fallback sized the fields.</param>
public sealed record AnalysisPlan(
    double FieldSize,
    double HeatmapScale,
    int HeatmapWidth,
    int HeatmapHeight,
    int FieldHeatmapSize,
    IReadOnlyList<FieldPlan> Fields,
    int CandidateFieldCount,
    TissueMask Tissue,
    double TissueScale,
    bool MicronsPerPixelAssumed);

/// <summary>One square field: its level-0 origin and its origin in heatmap pixels.</summary>
public sealed record FieldPlan(int Index, double X, double Y, double Size, int HeatmapX, int HeatmapY, double TissueFraction);
