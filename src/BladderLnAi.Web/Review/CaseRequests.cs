using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

public sealed record CreateCaseRequest(string? AccessionNumber, int? SiteId);

public sealed record AddSlideRequest(string? SlideId);

public sealed record LymphNodeRequest(string? Label, NodeStation Station, int[]? CaseSlideIds);

/// <param name="Version">The finding's <c>version</c> as last read; a stale version gets 409.</param>
public sealed record ProposalRequest(Guid Version, FindingRuling Ruling, RejectionReason? RejectionReason, string? Comment);

public sealed record VersionRequest(Guid Version);

/// <param name="Outline">Level-0 outline as <c>[x, y]</c> pairs.</param>
public sealed record OutlineRequest(Guid Version, double[][]? Outline);

public sealed record NodeAssignmentRequest(Guid Version, int? LymphNodeId);

public sealed record DrawFindingRequest(int CaseSlideId, double[][]? Outline, int? LymphNodeId);

public sealed record ReasonRequest(Guid Version, string? Reason);

/// <param name="PnCategory">Category to sign out; null or empty accepts the suggestion.</param>
public sealed record SignOutRequest(Guid Version, string? PnCategory, string? OverrideReason);
