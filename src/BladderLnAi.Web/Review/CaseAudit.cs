using System.Text.Json;
using System.Text.Json.Serialization;
using BladderLnAi.Data;
using BladderLnAi.Data.Audit;
using BladderLnAi.Data.Cases;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Adds audit entries for review actions to the same database context as the change, so that the change and its
/// entry are saved together or not at all.
/// </summary>
public static class CaseAudit
{
    public const string CaseObject = "case";

    public const string FindingObject = "case-finding";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Add(
        BladderLnAiDbContext database,
        ReviewActor actor,
        DateTime nowUtc,
        string action,
        string objectType,
        string objectId,
        int siteId,
        object? before,
        object? after,
        string? details = null)
    {
        database.AuditEntries.Add(new AuditEntry
        {
            TimestampUtc = nowUtc,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            SiteId = siteId,
            RemoteAddress = actor.RemoteAddress,
            Details = details is { Length: > 4000 } ? details[..4000] : details,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }

    /// <summary>Returns the values of a finding that a ruling or edit can change, for the audit log.</summary>
    public static object Values(CaseFinding finding) => new
    {
        finding.ReviewState,
        finding.Ruling,
        finding.RejectionReason,
        finding.Comment,
        finding.ProposedByName,
        finding.ConfirmedByName,
        finding.LymphNodeId,
        finding.GreatestDimensionMicrons,
        finding.AreaSquareMillimetres,
        finding.SizeClass,
        Outline = OutlineJson.ToArrays(finding.Outline),
    };

    /// <summary>Returns the values of a case that status changes and sign-out change, for the audit log.</summary>
    public static object Values(Case reviewCase) => new
    {
        reviewCase.Status,
        reviewCase.Revision,
        reviewCase.SuggestedPnCategory,
        reviewCase.PnCategory,
        reviewCase.PnOverrideReason,
        reviewCase.AmendmentReason,
        reviewCase.SignedOutByName,
    };
}
