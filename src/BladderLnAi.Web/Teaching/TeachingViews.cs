using BladderLnAi.Data.Teaching;
using BladderLnAi.Web.Teaching.Scoring;

namespace BladderLnAi.Web.Teaching;

/// <summary>A case set in the educator's list.</summary>
public sealed record CaseSetSummary(int Id, int SiteId, string Name, string? Description, int CaseCount, int AssignmentCount, DateTime CreatedUtc);

/// <summary>A case set as its educator edits it; only educators see accession numbers.</summary>
public sealed record CaseSetDetail(
    int Id,
    int SiteId,
    string Name,
    string? Description,
    IReadOnlyList<SetCaseView> Cases,
    IReadOnlyList<AssignmentView> Assignments);

public sealed record SetCaseView(
    int Id,
    int CaseId,
    int Position,
    string AccessionNumber,
    string? PnCategory,
    int SlideCount,
    int ConfirmedFindingCount,
    string? LearningNotes,
    bool HasAttempts);

public sealed record AssignmentView(int Id, string ResidentUserId, string ResidentName, DateTime AssignedUtc, DateTime? DueUtc, int SubmittedCount);

/// <summary>A signed-out case of the site that can be added to a set.</summary>
public sealed record CandidateCase(int Id, string AccessionNumber, DateTime? SignedOutUtc, string? PnCategory);

public sealed record ResidentOption(string UserId, string Name);

/// <summary>A case set assigned to the signed-in resident, with their attempt at each case.</summary>
public sealed record ResidentAssignment(int AssignmentId, string SetName, DateTime AssignedUtc, DateTime? DueUtc, IReadOnlyList<ResidentCase> Cases);

/// <param name="Code">The only name a resident sees for the case, such as "Case 3 of Nodal micrometastases".</param>
public sealed record ResidentCase(int CaseSetCaseId, string Code, int? AttemptId, DateTime? SubmittedUtc, double? Sensitivity);

/// <summary>An attempt as its resident sees it; <see cref="Reveal"/> is null until it is submitted.</summary>
public sealed record AttemptView(
    int Id,
    string Code,
    DateTime StartedUtc,
    DateTime? SubmittedUtc,
    IReadOnlyList<AttemptSlideView> Slides,
    IReadOnlyList<MarkView> Marks,
    RevealView? Reveal)
{
    public bool IsSubmitted => SubmittedUtc is not null;
}

/// <param name="Number">1-based number of the slide within the case, the only name the resident sees for it.</param>
public sealed record AttemptSlideView(int CaseSlideId, int Number, long Width, long Height, double? MicronsPerPixel, double SecondsSpent);

public sealed record MarkView(int Id, int CaseSlideId, MarkKind Kind, double[][] Points, string? SizeClass);

/// <summary>What the resident sees after submitting: the score, the confirmed findings, the heatmaps and the notes.</summary>
public sealed record RevealView(
    AttemptScore Score,
    IReadOnlyList<RevealFinding> Findings,
    IReadOnlyDictionary<int, RevealHeatmap> Heatmaps,
    string? LearningNotes);

public sealed record RevealFinding(int Id, int CaseSlideId, double[][] Outline, string SizeClass, double? GreatestDimensionMicrons, bool Hit);

/// <summary>The AI heatmap of a slide: the URL of its overlay and the overlay's width in level-0 pixels.</summary>
public sealed record RevealHeatmap(string Url, double Level0Width);
