using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>Builds the frozen document of a case kept at each sign-out.</summary>
public static class CaseSnapshots
{
    public static CaseSnapshotDocument Document(Case reviewCase) => new(
        reviewCase.Id,
        reviewCase.AccessionNumber,
        reviewCase.Revision,
        reviewCase.SuggestedPnCategory,
        reviewCase.PnCategory,
        reviewCase.PnOverrideReason,
        reviewCase.AmendmentReason,
        reviewCase.SignedOutUtc ?? DateTime.UtcNow,
        reviewCase.SignedOutByName,
        reviewCase.Slides.Select(s => new SnapshotSlide(s.Id, s.SlideId, s.FileName, s.ImportedJobId)).ToList(),
        reviewCase.LymphNodes
            .Select(n => new SnapshotNode(n.Id, n.Label, n.Station.ToString(), n.Slides.Select(link => link.CaseSlideId).ToList()))
            .ToList(),
        reviewCase.Findings.OrderBy(f => f.Id).Select(Finding).ToList());

    private static SnapshotFinding Finding(CaseFinding finding) => new(
        finding.Id,
        finding.CaseSlideId,
        finding.LymphNodeId,
        finding.Origin.ToString(),
        finding.SourceJobId,
        OutlineJson.ToArrays(finding.Outline),
        finding.GreatestDimensionMicrons,
        finding.AreaSquareMillimetres,
        finding.SizeClass,
        finding.MaximumProbability,
        finding.ReviewState.ToString(),
        finding.Ruling.ToString(),
        finding.RejectionReason?.ToString(),
        finding.Comment,
        finding.ProposedByName,
        finding.ProposedUtc,
        finding.ConfirmedByName,
        finding.ConfirmedUtc);
}
