using System.Text.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Moves a case through review: submit to a senior, return, sign out with the pN category, and amend. Each
/// change follows <see cref="CaseStatusMachine"/> and is audited with the values before and after.
/// </summary>
public sealed partial class CaseSignOutService(CaseStore store, CaseEvents events, ILogger<CaseSignOutService> logger)
{
    /// <summary>pN categories a senior may sign out; pNX when the nodes cannot be assessed.</summary>
    public static readonly IReadOnlyList<string> PnCategories = ["pN0", "pN1", "pN2", "pN3", "pNX"];

    public async Task<CaseSummary> SummaryAsync(System.Security.Claims.ClaimsPrincipal user, int caseId, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadAsync(database, user, caseId, cancellationToken);
        return CaseSummary.Compute(reviewCase.LymphNodes, reviewCase.Findings);
    }

    /// <summary>Sends the case to a senior pathologist once every finding has a proposed or final ruling.</summary>
    public async Task<Case> SubmitAsync(ReviewActor actor, int caseId, Guid expectedVersion, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        var unruled = reviewCase.Findings.Where(f => f.ReviewState == FindingReviewState.Unreviewed).Select(f => f.Id).ToList();
        if (unruled.Count > 0)
        {
            throw ReviewException.Conflict(
                $"Finding(s) {string.Join(", ", unruled)} have no ruling yet; confirm or reject each before sending the case to a senior.");
        }

        return await MoveAsync(database, actor, reviewCase, expectedVersion, CaseStatus.AwaitingSenior, "case.submitted", null, cancellationToken);
    }

    /// <summary>Returns a case awaiting a senior to the pathologists, with the senior's reason.</summary>
    public async Task<Case> ReturnAsync(ReviewActor actor, int caseId, Guid expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        actor.RequireSenior("return a case for further review");
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        return await MoveAsync(database, actor, reviewCase, expectedVersion, CaseStatus.UnderReview, "case.returned", reason?.Trim(), cancellationToken);
    }

    /// <summary>
    /// Signs the case out: every finding has a final ruling, every confirmed finding lies in a lymph node, and the
    /// pN category is the suggestion or an override with a reason. A snapshot of the signed-out version is kept.
    /// </summary>
    /// <param name="pnCategory">Category to sign out; null accepts the suggestion.</param>
    public async Task<Case> SignOutAsync(
        ReviewActor actor,
        int caseId,
        Guid expectedVersion,
        string? pnCategory,
        string? overrideReason,
        CancellationToken cancellationToken)
    {
        actor.RequireSenior("sign out a case");
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        CaseStatusMachine.EnsureCanMove(reviewCase.Status, CaseStatus.SignedOut);

        // NOTE: a ruling saved by another request between this check and the save below changes only the finding's
        // row, not the case's version, so it is not detected here; the snapshot then shows the findings as read.
        EnsureReadyForSignOut(reviewCase);

        var summary = CaseSummary.Compute(reviewCase.LymphNodes, reviewCase.Findings);
        var category = string.IsNullOrWhiteSpace(pnCategory) ? summary.SuggestedPnCategory : pnCategory.Trim();
        if (!PnCategories.Contains(category))
        {
            throw ReviewException.Invalid($"pN category '{category}' is not one of {string.Join(", ", PnCategories)}.");
        }

        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        if (category != summary.SuggestedPnCategory && reason is null)
        {
            throw ReviewException.Invalid(
                $"Signing out {category} overrides the suggested {summary.SuggestedPnCategory}; give the reason for the override.");
        }

        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        var before = CaseAudit.Values(reviewCase);
        CaseStore.Claim(database, reviewCase, expectedVersion, name, store.UtcNow);
        reviewCase.Status = CaseStatus.SignedOut;
        reviewCase.Revision++;
        reviewCase.SuggestedPnCategory = summary.SuggestedPnCategory;
        reviewCase.PnCategory = category;
        reviewCase.PnOverrideReason = category == summary.SuggestedPnCategory ? null : reason;
        reviewCase.SignedOutUtc = store.UtcNow;
        reviewCase.SignedOutByUserId = actor.UserId;
        reviewCase.SignedOutByName = name;
        reviewCase.Snapshots.Add(new CaseSnapshot
        {
            Revision = reviewCase.Revision,
            CreatedUtc = store.UtcNow,
            SignedOutByUserId = actor.UserId,
            SignedOutByName = name,
            Content = JsonSerializer.Serialize(CaseSnapshots.Document(reviewCase)),
        });
        CaseAudit.Add(database, actor, store.UtcNow, "case.signed-out", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId,
            before, CaseAudit.Values(reviewCase));
        await CaseStore.SaveAsync(database, cancellationToken);
        Log.SignedOut(logger, caseId, reviewCase.Revision, category, actor.UserName);
        await events.PublishAsync(new CaseChange(caseId, "case", null, name, $"{name} signed out the case as {category}", store.UtcNow));
        return reviewCase;
    }

    /// <summary>Reopens a signed-out case for an amendment; the signed-out version stays in its snapshot.</summary>
    public async Task<Case> AmendAsync(ReviewActor actor, int caseId, Guid expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        actor.RequireSenior("amend a signed-out case");
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadAsync(database, actor.User, caseId, cancellationToken);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ReviewException.Invalid("An amendment needs a reason, such as a finding missed at sign-out; enter it and try again.");
        }

        return await MoveAsync(
            database, actor, reviewCase, expectedVersion, CaseStatus.Amended, "case.amended", reason.Trim(), cancellationToken,
            amended => amended.AmendmentReason = reason.Trim());
    }

    /// <summary>Returns the snapshot of one signed-out revision.</summary>
    public async Task<CaseSnapshotDocument> SnapshotAsync(System.Security.Claims.ClaimsPrincipal user, int caseId, int revision, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        if (!await store.CanViewAsync(user, caseId, cancellationToken))
        {
            throw ReviewException.NotFound($"Case {caseId} was not found.");
        }

        var content = await database.CaseSnapshots.AsNoTracking()
            .Where(s => s.CaseId == caseId && s.Revision == revision)
            .Select(s => s.Content)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw ReviewException.NotFound($"Case {caseId} has no signed-out revision {revision}.");
        return JsonSerializer.Deserialize<CaseSnapshotDocument>(content)!;
    }

    private async Task<Case> MoveAsync(
        BladderLnAiDbContext database,
        ReviewActor actor,
        Case reviewCase,
        Guid expectedVersion,
        CaseStatus to,
        string action,
        string? details,
        CancellationToken cancellationToken,
        Action<Case>? apply = null)
    {
        CaseStatusMachine.EnsureCanMove(reviewCase.Status, to);
        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        var before = CaseAudit.Values(reviewCase);
        var from = reviewCase.Status;
        CaseStore.Claim(database, reviewCase, expectedVersion, name, store.UtcNow);
        reviewCase.Status = to;
        apply?.Invoke(reviewCase);
        CaseAudit.Add(database, actor, store.UtcNow, action, CaseAudit.CaseObject, reviewCase.Id.ToString(), reviewCase.SiteId,
            before, CaseAudit.Values(reviewCase), details);
        await CaseStore.SaveAsync(database, cancellationToken);
        Log.StatusChanged(logger, reviewCase.Id, from, to, actor.UserName);
        await events.PublishAsync(new CaseChange(reviewCase.Id, "case", null, name, $"{name} moved the case from {from} to {to}", store.UtcNow));
        return reviewCase;
    }

    private static void EnsureReadyForSignOut(Case reviewCase)
    {
        var open = reviewCase.Findings.Where(f => f.ReviewState != FindingReviewState.Final).Select(f => f.Id).ToList();
        if (open.Count > 0)
        {
            throw ReviewException.Conflict(
                $"Finding(s) {string.Join(", ", open)} have no confirmed ruling yet; a senior pathologist confirms each before sign-out.");
        }

        if (reviewCase.LymphNodes.Count == 0)
        {
            throw ReviewException.Conflict("The case has no lymph nodes; add each examined node with its station before sign-out.");
        }

        var unassigned = reviewCase.Findings.Where(f => f.IsConfirmedTumour && f.LymphNodeId is null).Select(f => f.Id).ToList();
        if (unassigned.Count > 0)
        {
            throw ReviewException.Conflict(
                $"Confirmed finding(s) {string.Join(", ", unassigned)} lie in no lymph node; assign each to its node before sign-out.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Case {CaseId} moved from {From} to {To} by {UserName}")]
        public static partial void StatusChanged(ILogger logger, int caseId, CaseStatus from, CaseStatus to, string userName);

        [LoggerMessage(EventId = 1111, Level = LogLevel.Information,
            Message = "Case {CaseId} signed out as revision {Revision} with {PnCategory} by {UserName}")]
        public static partial void SignedOut(ILogger logger, int caseId, int revision, string pnCategory, string userName);
    }
}
