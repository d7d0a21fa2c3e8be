using System.Text.Json.Serialization;
using BladderLnAi.Imaging.Geometry;

namespace BladderLnAi.Data.Cases;

/// <summary>
/// A suspected tumour deposit of a case: copied from an AI analysis, drawn by a reviewer, or imported from QuPath,
/// and ruled on by two people. A pathologist proposes a ruling and a senior pathologist confirms it.
/// </summary>
public sealed class CaseFinding
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public int CaseSlideId { get; set; }

    /// <summary>Lymph node the deposit lies in; null until assigned (set at once when its slide holds one node).</summary>
    public int? LymphNodeId { get; set; }

    public FindingOrigin Origin { get; set; }

    /// <summary>Name shown in the findings table and QuPath, such as an imported annotation's name; null gives a default.</summary>
    public string? Name { get; set; }

    /// <summary>Analysis job the finding was copied from; null for drawn and imported findings.</summary>
    public Guid? SourceJobId { get; set; }

    /// <summary>Number of the finding within its analysis (1 = most probable); null when not from an analysis.</summary>
    public int? SourceFindingNumber { get; set; }

    /// <summary>Closed outline in level-0 pixels; the first point is not repeated. Stored as JSON <c>[[x,y],...]</c>.</summary>
    public IReadOnlyList<PointD> Outline { get; set; } = [];

    public double CentreX { get; set; }

    public double CentreY { get; set; }

    /// <summary>Greatest dimension (maximum Feret diameter) in um; null when the slide has no microns per pixel.</summary>
    public double? GreatestDimensionMicrons { get; set; }

    /// <summary>Area in mm2; null when the slide has no microns per pixel.</summary>
    public double? AreaSquareMillimetres { get; set; }

    /// <summary>AJCC size class code: <c>itc</c>, <c>micro</c>, <c>macro</c> or <c>unknown</c>.</summary>
    public string SizeClass { get; set; } = "unknown";

    /// <summary>Model probabilities; null for findings drawn or imported by a person.</summary>
    public float? MaximumProbability { get; set; }

    public float? MeanProbability { get; set; }

    public FindingReviewState ReviewState { get; set; } = FindingReviewState.Unreviewed;

    /// <summary>The proposed ruling; final once <see cref="ReviewState"/> is <see cref="FindingReviewState.Final"/>.</summary>
    public FindingRuling Ruling { get; set; } = FindingRuling.None;

    /// <summary>Reason from the list when <see cref="Ruling"/> is <see cref="FindingRuling.Reject"/>.</summary>
    public RejectionReason? RejectionReason { get; set; }

    /// <summary>Free-text comment of the proposer.</summary>
    public string? Comment { get; set; }

    public string? ProposedByUserId { get; set; }

    public string? ProposedByName { get; set; }

    public DateTime? ProposedUtc { get; set; }

    public string? ConfirmedByUserId { get; set; }

    public string? ConfirmedByName { get; set; }

    public DateTime? ConfirmedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>When a person last changed the outline; null while it is the original outline.</summary>
    public DateTime? OutlineEditedUtc { get; set; }

    public string? OutlineEditedByName { get; set; }

    /// <summary>Who made the last change, named in the conflict message of a concurrent edit.</summary>
    public string? UpdatedByName { get; set; }

    public DateTime? UpdatedUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>True for a deposit of tumour that both reviewers confirmed.</summary>
    public bool IsConfirmedTumour => ReviewState == FindingReviewState.Final && Ruling == FindingRuling.Confirm;
}

/// <summary>Where a case finding came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingOrigin>))]
public enum FindingOrigin
{
    /// <summary>Copied from a completed analysis job.</summary>
    Ai,

    /// <summary>Drawn on the slide by a reviewer (a deposit the AI missed).</summary>
    Reviewer,

    /// <summary>Imported from a QuPath GeoJSON annotation.</summary>
    Imported,
}

/// <summary>Two-person state of a finding's ruling.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingReviewState>))]
public enum FindingReviewState
{
    Unreviewed,

    /// <summary>A ruling was proposed and waits for a senior pathologist.</summary>
    Proposed,

    /// <summary>A senior pathologist confirmed the proposed ruling.</summary>
    Final,
}

/// <summary>Ruling on a finding.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingRuling>))]
public enum FindingRuling
{
    None,

    /// <summary>The finding is a tumour deposit.</summary>
    Confirm,

    /// <summary>The finding is not a tumour deposit.</summary>
    Reject,
}

/// <summary>Why a finding was rejected.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectionReason>))]
public enum RejectionReason
{
    /// <summary>Fold, crush, cautery, pen mark, dust or out-of-focus area.</summary>
    Artefact,

    /// <summary>Sinus histiocytes, germinal centre, endothelium or another benign mimic.</summary>
    BenignMimic,

    /// <summary>Tumour outside the lymph node, such as in perinodal fat or the bladder wall.</summary>
    OutsideNode,

    /// <summary>Another finding already covers the same deposit.</summary>
    Duplicate,

    Other,
}
