using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Web.Teaching.Scoring;

/// <summary>A slide of the attempted case, with its calibration and the seconds the resident spent on it.</summary>
public sealed record ScoredSlide(int CaseSlideId, double? MicronsPerPixel, double SecondsSpent);

/// <summary>A confirmed finding: level-0 outline and AJCC size class code (<c>itc</c>, <c>micro</c>, <c>macro</c>, <c>unknown</c>).</summary>
public sealed record ScoredFinding(int Id, int CaseSlideId, IReadOnlyList<PointD> Outline, string SizeClass);

/// <summary>
/// A resident's mark: one level-0 point, or an outline of three or more points, with the size class the
/// resident gave (null when none).
/// </summary>
public sealed record ScoredMark(int Id, int CaseSlideId, IReadOnlyList<PointD> Points, string? SizeClass);
