namespace BladderLnAi.Data.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which object, when and from where. The database
/// context rejects updates and deletes of entries.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime TimestampUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Null for anonymous actions such as a failed sign-in of an unknown account.</summary>
    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>What happened, such as <c>sign-in.failed</c>, <c>slide.viewed</c> or <c>analysis.requested</c>.</summary>
    public required string Action { get; set; }

    public string? ObjectType { get; set; }

    public string? ObjectId { get; set; }

    public int? SiteId { get; set; }

    /// <summary>Client IP address.</summary>
    public string? RemoteAddress { get; set; }

    public string? Details { get; set; }

    /// <summary>JSON of the object's values before a change, such as a finding before a ruling; null for other actions.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the object's values after the change.</summary>
    public string? After { get; set; }
}
