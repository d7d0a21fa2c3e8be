namespace BladderLnAi.Data.Teaching;

/// <summary>
/// A resident's blind attempt at one case of an assigned case set: their marks on its slides, the time spent on
/// each slide, and, once submitted, the score against the confirmed findings.
/// </summary>
public sealed class TeachingAttempt
{
    public int Id { get; set; }

    public int AssignmentId { get; set; }

    public int CaseSetCaseId { get; set; }

    /// <summary>Copied from the assignment so that every query can filter on the owner directly.</summary>
    public required string ResidentUserId { get; set; }

    public DateTime StartedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>When the resident submitted; null while the attempt is open and blind.</summary>
    public DateTime? SubmittedUtc { get; set; }

    /// <summary>Confirmed findings found over confirmed findings, all size classes; null when the case has none.</summary>
    public double? Sensitivity { get; set; }

    public double? FalseMarksPerSlide { get; set; }

    public double SecondsSpent { get; set; }

    /// <summary>The full score (<c>AttemptScore</c> in the web host) as JSON; null until submitted.</summary>
    public string? ScoreJson { get; set; }

    public List<AttemptMark> Marks { get; set; } = [];

    public List<AttemptSlideTime> SlideTimes { get; set; } = [];

    public bool IsSubmitted => SubmittedUtc is not null;
}

/// <summary>One suspected metastasis marked by the resident: a point or a closed outline in level-0 pixels.</summary>
public sealed class AttemptMark
{
    public int Id { get; set; }

    public int AttemptId { get; set; }

    /// <summary>Id of the <c>CaseSlide</c> the mark lies on.</summary>
    public int CaseSlideId { get; set; }

    public MarkKind Kind { get; set; }

    /// <summary>Level-0 points: one for a point mark, three or more for an outline (first point not repeated).</summary>
    public string PointsJson { get; set; } = "[]";

    /// <summary>Size class the resident gave (<c>itc</c>, <c>micro</c>, <c>macro</c>), or null when none was given.</summary>
    public string? SizeClass { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}

public enum MarkKind
{
    Point,
    Outline,
}

/// <summary>Seconds a resident spent with one slide of an attempt on screen.</summary>
public sealed class AttemptSlideTime
{
    public int AttemptId { get; set; }

    public int CaseSlideId { get; set; }

    public double Seconds { get; set; }
}
