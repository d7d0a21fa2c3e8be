namespace BladderLnAi.Web.Teaching.Scoring;

/// <summary>The score of one attempt against the confirmed findings of its case.</summary>
/// <param name="Sensitivity">Hits over confirmed findings, all size classes; null when the case has none.</param>
/// <param name="UnclassifiedFalseMarks">False marks to which the resident gave no size class.</param>
public sealed record AttemptScore(
    IReadOnlyList<SizeClassScore> SizeClasses,
    IReadOnlyList<FindingOutcome> Findings,
    IReadOnlyList<MarkOutcome> Marks,
    int Hits,
    int Misses,
    int FalseMarks,
    int UnclassifiedFalseMarks,
    double? Sensitivity,
    double FalseMarksPerSlide,
    double SecondsSpent,
    int SlideCount);

/// <summary>
/// Counts for one size class. Hits and misses count confirmed findings of that class; false marks count marks
/// to which the resident gave that class and that hit nothing.
/// </summary>
/// <param name="Sensitivity">Hits over findings; null when the case has no finding of the class.</param>
public sealed record SizeClassScore(string SizeClass, int Findings, int Hits, int Misses, int FalseMarks, double? Sensitivity);

/// <summary>Whether a confirmed finding was found, and by which marks.</summary>
/// <param name="SizeClassAgreed">
/// True when a mark that hit the finding gave its size class, false when the marks gave only other classes, null
/// when they gave none.
/// </param>
public sealed record FindingOutcome(int FindingId, int CaseSlideId, string SizeClass, bool Hit, IReadOnlyList<int> MarkIds, bool? SizeClassAgreed);

/// <summary>The findings one mark hit; a mark that hit none is a false mark.</summary>
public sealed record MarkOutcome(int MarkId, int CaseSlideId, IReadOnlyList<int> FindingIds)
{
    public bool IsFalse => FindingIds.Count == 0;
}
