using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Slides;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Rulings on the findings of a case. A pathologist or senior proposes confirm or reject; a senior pathologist other
/// than the proposer confirms the proposal (unless <see cref="ReviewOptions.AllowSelfConfirmation"/>). Edited and
/// drawn outlines are measured again on the server.
/// </summary>
public sealed partial class FindingReviewService(
    CaseStore store,
    SlideService slides,
    AnalysisJobService jobs,
    AnalysisResultStore results,
    CaseEvents events,
    ReviewOptions options,
    ILogger<FindingReviewService> logger)
{
    /// <summary>Copies the findings of the slide's latest completed analysis into the case.</summary>
    public async Task<IReadOnlyList<CaseFinding>> ImportAnalysisAsync(ReviewActor actor, int caseId, int caseSlideId, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        var slide = FindSlide(reviewCase, caseSlideId);
        if (slide.ImportedJobId is { } imported)
        {
            throw ReviewException.Conflict($"The findings of analysis {imported} are already in the case for slide {slide.FileName}.");
        }

        var job = await jobs.GetLatestCompletedAsync(slide.SlideId, cancellationToken);
        var analysis = job is null ? null : results.Load(job);
        if (job is null || analysis is null)
        {
            throw ReviewException.Conflict($"Slide {slide.FileName} has no completed analysis yet; analyse it first.");
        }

        var geometry = OpenSlideGeometry(slide);
        var added = analysis.Findings.Select(document =>
        {
            var finding = CreateFinding(reviewCase, slide, FindingOrigin.Ai, actor);
            finding.SourceJobId = job.Id;
            finding.SourceFindingNumber = document.Id;
            finding.MaximumProbability = document.MaximumProbability;
            finding.MeanProbability = document.MeanProbability;
            FindingMeasurements.Apply(finding, OutlineJson.FromArrays(document.Outline), geometry.MicronsPerPixel);
            return finding;
        }).ToList();

        reviewCase.Findings.AddRange(added);
        slide.ImportedJobId = job.Id;
        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        MoveOnNewFindings(reviewCase, CaseStatus.Analysed, name);
        CaseService.AssignSingleNodeSlides(reviewCase);
        CaseAudit.Add(database, actor, store.UtcNow, "case.analysis-imported", CaseAudit.CaseObject, caseId.ToString(), reviewCase.SiteId,
            null, new { slide.SlideId, JobId = job.Id, job.ModelName, job.ModelVersion, Findings = added.Count });
        await CaseStore.SaveAsync(database, cancellationToken);
        Log.AnalysisImported(logger, caseId, slide.SlideId, job.Id, added.Count);
        await events.PublishAsync(new CaseChange(caseId, "slide", null, name, $"{name} imported {added.Count} AI finding(s) of {slide.FileName}", store.UtcNow));
        return added;
    }

    /// <summary>Proposes a ruling on a finding; a senior pathologist then confirms it.</summary>
    public async Task<CaseFinding> ProposeAsync(
        ReviewActor actor,
        int caseId,
        int findingId,
        Guid expectedVersion,
        FindingRuling ruling,
        RejectionReason? reason,
        string? comment,
        CancellationToken cancellationToken)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return await ChangeAsync(actor, caseId, findingId, expectedVersion, "finding.proposed", cancellationToken, (_, finding, name) =>
        {
            ValidateRuling(ruling, reason, comment);
            finding.Ruling = ruling;
            finding.RejectionReason = ruling == FindingRuling.Reject ? reason : null;
            finding.Comment = comment;
            MarkProposed(finding, actor, name);
            return $"{name} proposed to {(ruling == FindingRuling.Confirm ? "confirm" : "reject")} finding {finding.Id}";
        });
    }

    /// <summary>Confirms the proposed ruling of a finding, making it final with two names.</summary>
    public Task<CaseFinding> ConfirmAsync(ReviewActor actor, int caseId, int findingId, Guid expectedVersion, CancellationToken cancellationToken)
    {
        actor.RequireSenior("confirm a proposed ruling");
        return ChangeAsync(actor, caseId, findingId, expectedVersion, "finding.confirmed", cancellationToken, (_, finding, name) =>
        {
            if (finding.ReviewState != FindingReviewState.Proposed)
            {
                throw ReviewException.Conflict(
                    $"Finding {finding.Id} is {finding.ReviewState}; only a proposed ruling can be confirmed.");
            }

            if (finding.ProposedByUserId == actor.UserId && !options.AllowSelfConfirmation)
            {
                throw ReviewException.Forbidden(
                    $"You proposed the ruling on finding {finding.Id}, so another senior pathologist must confirm it.");
            }

            finding.ReviewState = FindingReviewState.Final;
            finding.ConfirmedByUserId = actor.UserId;
            finding.ConfirmedByName = name;
            finding.ConfirmedUtc = store.UtcNow;
            return $"{name} confirmed the ruling on finding {finding.Id} ({finding.Ruling})";
        });
    }

    /// <summary>
    /// Replaces a finding's outline and measures it again. The edit is a proposal to confirm the finding with the
    /// new outline, because any earlier ruling was made on the old one.
    /// </summary>
    public async Task<CaseFinding> EditOutlineAsync(
        ReviewActor actor,
        int caseId,
        int findingId,
        Guid expectedVersion,
        IReadOnlyList<PointD> outline,
        CancellationToken cancellationToken)
    {
        return await ChangeAsync(actor, caseId, findingId, expectedVersion, "finding.outline-edited", cancellationToken, (reviewCase, finding, name) =>
        {
            var geometry = OpenSlideGeometry(FindSlide(reviewCase, finding.CaseSlideId));
            FindingMeasurements.Apply(finding, FindingMeasurements.Validate(outline, geometry.Width, geometry.Height), geometry.MicronsPerPixel);
            finding.OutlineEditedUtc = store.UtcNow;
            finding.OutlineEditedByName = name;
            finding.Ruling = FindingRuling.Confirm;
            finding.RejectionReason = null;
            MarkProposed(finding, actor, name);
            return $"{name} edited the outline of finding {finding.Id}";
        });
    }

    /// <summary>Puts a finding into a lymph node of the case, or into none.</summary>
    public Task<CaseFinding> AssignNodeAsync(
        ReviewActor actor,
        int caseId,
        int findingId,
        Guid expectedVersion,
        int? lymphNodeId,
        CancellationToken cancellationToken) =>
        ChangeAsync(actor, caseId, findingId, expectedVersion, "finding.node-assigned", cancellationToken, (_, finding, name) =>
        {
            finding.LymphNodeId = lymphNodeId;
            return $"{name} moved finding {finding.Id} to {(lymphNodeId is null ? "no lymph node" : $"lymph node {lymphNodeId}")}";
        }, (reviewCase, finding) =>
        {
            if (lymphNodeId is { } id && reviewCase.LymphNodes.All(n => n.Id != id))
            {
                throw ReviewException.Invalid($"Lymph node {id} is not part of case {reviewCase.AccessionNumber}.");
            }
        });

    /// <summary>Adds a deposit the AI missed, drawn on the slide; drawing it proposes to confirm it.</summary>
    public async Task<CaseFinding> DrawAsync(
        ReviewActor actor,
        int caseId,
        int caseSlideId,
        IReadOnlyList<PointD> outline,
        int? lymphNodeId,
        CancellationToken cancellationToken)
    {
        var added = await AddFindingsAsync(actor, caseId, caseSlideId, FindingOrigin.Reviewer, [new NewFinding(outline, null, null, null)], cancellationToken, lymphNodeId);
        return added[0];
    }

    /// <summary>A finding to add: its outline and, for imported annotations, a name and probabilities.</summary>
    public sealed record NewFinding(IReadOnlyList<PointD> Outline, string? Name, float? MaximumProbability, float? MeanProbability);

    /// <summary>Adds findings drawn or imported by the actor, each proposed as confirmed.</summary>
    public async Task<IReadOnlyList<CaseFinding>> AddFindingsAsync(
        ReviewActor actor,
        int caseId,
        int caseSlideId,
        FindingOrigin origin,
        IReadOnlyList<NewFinding> findings,
        CancellationToken cancellationToken,
        int? lymphNodeId = null)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        var slide = FindSlide(reviewCase, caseSlideId);
        if (lymphNodeId is { } nodeId && reviewCase.LymphNodes.All(n => n.Id != nodeId))
        {
            throw ReviewException.Invalid($"Lymph node {nodeId} is not part of case {reviewCase.AccessionNumber}.");
        }

        var geometry = OpenSlideGeometry(slide);
        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        var added = findings.Select(request =>
        {
            var finding = CreateFinding(reviewCase, slide, origin, actor);
            FindingMeasurements.Apply(finding, FindingMeasurements.Validate(request.Outline, geometry.Width, geometry.Height), geometry.MicronsPerPixel);
            finding.Name = request.Name is { Length: > 200 } tooLong ? tooLong[..200] : request.Name;
            finding.MaximumProbability = request.MaximumProbability;
            finding.MeanProbability = request.MeanProbability;
            finding.LymphNodeId = lymphNodeId;
            finding.Ruling = FindingRuling.Confirm;
            MarkProposed(finding, actor, name);
            return finding;
        }).ToList();

        // The audit entries name the new findings' ids, so the findings are saved first, in one transaction with them.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        reviewCase.Findings.AddRange(added);
        MoveOnNewFindings(reviewCase, CaseStatus.UnderReview, name);
        CaseService.AssignSingleNodeSlides(reviewCase);
        await CaseStore.SaveAsync(database, cancellationToken);
        foreach (var finding in added)
        {
            CaseAudit.Add(database, actor, store.UtcNow, origin == FindingOrigin.Imported ? "finding.imported" : "finding.drawn",
                CaseAudit.FindingObject, finding.Id.ToString(), reviewCase.SiteId, null, CaseAudit.Values(finding), $"case {caseId}");
        }

        await CaseStore.SaveAsync(database, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var verb = origin == FindingOrigin.Imported ? "imported" : "drew";
        await events.PublishAsync(new CaseChange(caseId, "finding", added.Count == 1 ? added[0].Id : null, name,
            $"{name} {verb} {added.Count} finding(s) on {slide.FileName}", store.UtcNow));
        return added;
    }

    private async Task<CaseFinding> ChangeAsync(
        ReviewActor actor,
        int caseId,
        int findingId,
        Guid expectedVersion,
        string action,
        CancellationToken cancellationToken,
        Func<Case, CaseFinding, string, string> change,
        Action<Case, CaseFinding>? validate = null)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        var finding = reviewCase.Findings.FirstOrDefault(f => f.Id == findingId)
            ?? throw ReviewException.NotFound($"Finding {findingId} was not found in case {reviewCase.AccessionNumber}.");
        validate?.Invoke(reviewCase, finding);

        var name = await CaseStore.DisplayNameAsync(database, actor, cancellationToken);
        var before = CaseAudit.Values(finding);
        CaseStore.Claim(database, finding, expectedVersion, name, store.UtcNow);
        var description = change(reviewCase, finding, name);
        MoveOnNewFindings(reviewCase, CaseStatus.UnderReview, name);
        CaseAudit.Add(database, actor, store.UtcNow, action, CaseAudit.FindingObject, findingId.ToString(), reviewCase.SiteId,
            before, CaseAudit.Values(finding), $"case {caseId}");
        await CaseStore.SaveAsync(database, cancellationToken);
        Log.FindingChanged(logger, caseId, findingId, action, actor.UserName);
        await events.PublishAsync(new CaseChange(caseId, "finding", findingId, name, description, store.UtcNow));
        return finding;
    }
}
