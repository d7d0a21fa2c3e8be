using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>A case as the API returns it.</summary>
public sealed record CaseView(
    int Id,
    string AccessionNumber,
    int SiteId,
    CaseStatus Status,
    IReadOnlyList<CaseStatus> NextStatuses,
    int Revision,
    string? SuggestedPnCategory,
    string? PnCategory,
    string? PnOverrideReason,
    DateTime? SignedOutUtc,
    string? SignedOutByName,
    string? AmendmentReason,
    Guid Version,
    IReadOnlyList<CaseSlideView> Slides,
    IReadOnlyList<LymphNodeView> LymphNodes,
    IReadOnlyList<FindingView> Findings)
{
    public static CaseView From(Case c) => new(
        c.Id,
        c.AccessionNumber,
        c.SiteId,
        c.Status,
        CaseStatusMachine.AllowedFrom(c.Status),
        c.Revision,
        c.SuggestedPnCategory,
        c.PnCategory,
        c.PnOverrideReason,
        c.SignedOutUtc,
        c.SignedOutByName,
        c.AmendmentReason,
        c.Version,
        c.Slides.OrderBy(s => s.Id).Select(s => new CaseSlideView(s.Id, s.SlideId, s.FileName, s.Source, s.ImportedJobId)).ToList(),
        c.LymphNodes.OrderBy(n => n.Label).Select(n => new LymphNodeView(n.Id, n.Label, n.Station, n.Slides.Select(l => l.CaseSlideId).ToList())).ToList(),
        c.Findings.OrderBy(f => f.Id).Select(FindingView.From).ToList());
}

public sealed record CaseSlideView(int Id, string SlideId, string FileName, CaseSlideSource Source, Guid? ImportedJobId);

public sealed record LymphNodeView(int Id, string Label, NodeStation Station, IReadOnlyList<int> CaseSlideIds);

/// <summary>A finding as the API and the viewer see it; <c>Outline</c> in level-0 pixels.</summary>
public sealed record FindingView(
    int Id,
    int CaseSlideId,
    int? LymphNodeId,
    FindingOrigin Origin,
    string? Name,
    Guid? SourceJobId,
    int? SourceFindingNumber,
    double[][] Outline,
    double CentreX,
    double CentreY,
    double? GreatestDimensionMicrons,
    double? AreaSquareMillimetres,
    string SizeClass,
    float? MaximumProbability,
    FindingReviewState ReviewState,
    FindingRuling Ruling,
    RejectionReason? RejectionReason,
    string? Comment,
    string? ProposedByName,
    DateTime? ProposedUtc,
    string? ConfirmedByName,
    DateTime? ConfirmedUtc,
    Guid Version)
{
    public static FindingView From(CaseFinding f) => new(
        f.Id,
        f.CaseSlideId,
        f.LymphNodeId,
        f.Origin,
        f.Name,
        f.SourceJobId,
        f.SourceFindingNumber,
        OutlineJson.ToArrays(f.Outline),
        f.CentreX,
        f.CentreY,
        f.GreatestDimensionMicrons,
        f.AreaSquareMillimetres,
        f.SizeClass,
        f.MaximumProbability,
        f.ReviewState,
        f.Ruling,
        f.RejectionReason,
        f.Comment,
        f.ProposedByName,
        f.ProposedUtc,
        f.ConfirmedByName,
        f.ConfirmedUtc,
        f.Version);
}
