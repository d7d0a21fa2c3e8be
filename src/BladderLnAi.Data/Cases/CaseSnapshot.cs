namespace BladderLnAi.Data.Cases;

/// <summary>
/// The frozen content of a case at one sign-out, kept so that an amendment never loses the earlier version.
/// Snapshots are only ever added.
/// </summary>
public sealed class CaseSnapshot
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    /// <summary>The case's <see cref="Case.Revision"/> this snapshot records (1 for the first sign-out).</summary>
    public int Revision { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    public string? SignedOutByUserId { get; set; }

    public string? SignedOutByName { get; set; }

    /// <summary>The case, its nodes, findings and summary as JSON, in the shape of <see cref="CaseSnapshotDocument"/>.</summary>
    public required string Content { get; set; }
}
