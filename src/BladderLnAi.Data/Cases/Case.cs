using System.Text.Json.Serialization;

namespace BladderLnAi.Data.Cases;

/// <summary>
/// One patient's lymph node dissection under review: its slides, its lymph nodes with their stations, the findings
/// ruled on, and the sign-out. A case belongs to one site and is visible only to that site's members.
/// </summary>
public sealed class Case
{
    public int Id { get; set; }

    public int SiteId { get; set; }

    /// <summary>Laboratory accession number, unique within the site, such as <c>S26-01234</c>.</summary>
    public required string AccessionNumber { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.New;

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    public string? CreatedByUserId { get; set; }

    /// <summary>Number of sign-outs so far: 0 before the first, 1 after it, 2 after the first amended sign-out.</summary>
    public int Revision { get; set; }

    /// <summary>pN category suggested from the confirmed findings at the last sign-out, such as <c>pN1</c>.</summary>
    public string? SuggestedPnCategory { get; set; }

    /// <summary>pN category signed out: the suggestion, or the senior pathologist's override.</summary>
    public string? PnCategory { get; set; }

    /// <summary>Why the signed-out category differs from the suggestion; null when the suggestion was accepted.</summary>
    public string? PnOverrideReason { get; set; }

    public DateTime? SignedOutUtc { get; set; }

    public string? SignedOutByUserId { get; set; }

    public string? SignedOutByName { get; set; }

    /// <summary>Why the signed-out case was reopened; set while the case is <see cref="CaseStatus.Amended"/>.</summary>
    public string? AmendmentReason { get; set; }

    /// <summary>Who made the last change, named in the conflict message of a concurrent edit.</summary>
    public string? UpdatedByName { get; set; }

    public DateTime? UpdatedUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<CaseSlide> Slides { get; set; } = [];

    public List<LymphNode> LymphNodes { get; set; } = [];

    public List<CaseFinding> Findings { get; set; } = [];

    public List<CaseSnapshot> Snapshots { get; set; } = [];
}

/// <summary>Review status of a case. The allowed transitions are listed in <c>CaseStatusMachine</c> in the web host.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>Created; slides and lymph nodes are being added.</summary>
    New,

    /// <summary>AI findings of at least one slide were copied into the case.</summary>
    Analysed,

    /// <summary>Pathologists are ruling on findings.</summary>
    UnderReview,

    /// <summary>Every finding has a proposed ruling; a senior pathologist confirms them and signs out.</summary>
    AwaitingSenior,

    /// <summary>Signed out and read-only; a snapshot of this version is kept.</summary>
    SignedOut,

    /// <summary>Reopened after sign-out for an amendment; the earlier version stays in its snapshot.</summary>
    Amended,
}
