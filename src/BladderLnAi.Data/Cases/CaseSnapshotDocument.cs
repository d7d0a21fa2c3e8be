namespace BladderLnAi.Data.Cases;

/// <summary>Content of a <see cref="CaseSnapshot"/>: what was signed out, in a form that later schema changes do not alter.</summary>
public sealed record CaseSnapshotDocument(
    int CaseId,
    string AccessionNumber,
    int Revision,
    string? SuggestedPnCategory,
    string? PnCategory,
    string? PnOverrideReason,
    string? AmendmentReason,
    DateTime SignedOutUtc,
    string? SignedOutByName,
    IReadOnlyList<SnapshotSlide> Slides,
    IReadOnlyList<SnapshotNode> LymphNodes,
    IReadOnlyList<SnapshotFinding> Findings);

public sealed record SnapshotSlide(int Id, string SlideId, string FileName, Guid? ImportedJobId);

public sealed record SnapshotNode(int Id, string Label, string Station, IReadOnlyList<int> SlideIds);

/// <param name="Outline">Level-0 outline as <c>[x, y]</c> pairs, first point not repeated.</param>
public sealed record SnapshotFinding(
    int Id,
    int CaseSlideId,
    int? LymphNodeId,
    string Origin,
    Guid? SourceJobId,
    double[][] Outline,
    double? GreatestDimensionMicrons,
    double? AreaSquareMillimetres,
    string SizeClass,
    float? MaximumProbability,
    string ReviewState,
    string Ruling,
    string? RejectionReason,
    string? Comment,
    string? ProposedByName,
    DateTime? ProposedUtc,
    string? ConfirmedByName,
    DateTime? ConfirmedUtc);
