namespace BladderLnAi.Data.Teaching;

/// <summary>
/// An ordered set of signed-out cases that an educator of one site assigns to residents for blind practice.
/// Residents see each case only as "Case N of" the set's name, never its accession number.
/// </summary>
public sealed class CaseSet
{
    public int Id { get; set; }

    public int SiteId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? CreatedByUserId { get; set; }

    public string? CreatedByName { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

    public List<CaseSetCase> Cases { get; set; } = [];

    public List<CaseSetAssignment> Assignments { get; set; } = [];
}

/// <summary>A signed-out case in a case set, at a position, with the educator's learning notes.</summary>
public sealed class CaseSetCase
{
    public int Id { get; set; }

    public int CaseSetId { get; set; }

    /// <summary>Id of the <c>Case</c>; its accession number is never shown to residents.</summary>
    public int CaseId { get; set; }

    /// <summary>Order within the set, from 1; residents see the case as "Case <c>Position</c> of" the set.</summary>
    public int Position { get; set; }

    /// <summary>What the educator wants the resident to learn from the case, shown after the attempt is submitted.</summary>
    public string? LearningNotes { get; set; }
}

/// <summary>A case set assigned to one resident, with an optional due date.</summary>
public sealed class CaseSetAssignment
{
    public int Id { get; set; }

    public int CaseSetId { get; set; }

    public required string ResidentUserId { get; set; }

    public string? ResidentName { get; set; }

    public string? AssignedByUserId { get; set; }

    public DateTime AssignedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>When the attempts are due; null when there is no due date.</summary>
    public DateTime? DueUtc { get; set; }
}
