using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Web.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Review.Reports;

/// <summary>Everything the report of a signed-out case shows: summary, node thumbnails, models and reviewers.</summary>
public sealed record CaseReport(
    Case Case,
    CaseSummary Summary,
    IReadOnlyList<NodeImage> Thumbnails,
    IReadOnlyList<ModelUsed> Models,
    IReadOnlyList<ReviewerAction> Reviewers,
    DateTime CreatedUtc);

/// <summary>A PNG thumbnail of one positive node with its confirmed deposits outlined.</summary>
public sealed record NodeImage(string NodeLabel, string SlideFileName, byte[] Png);

public sealed record ModelUsed(string SlideFileName, Guid JobId, string? ModelName, string? ModelVersion, string? ModelSha256);

/// <summary>One person's part in the review: proposals, confirmations or the sign-out, with the latest time.</summary>
public sealed record ReviewerAction(string Name, string Role, int Count, DateTime LastUtc);

/// <summary>Gathers the report of a signed-out case from the database and the slide files.</summary>
public sealed class CaseReportBuilder(CaseStore store, SlideService slides, ILogger<CaseReportBuilder> logger)
{
    /// <exception cref="ReviewException">No such case, or it was never signed out.</exception>
    public async Task<CaseReport> BuildAsync(System.Security.Claims.ClaimsPrincipal user, int caseId, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadAsync(database, user, caseId, cancellationToken);
        if (reviewCase.Status != CaseStatus.SignedOut)
        {
            throw ReviewException.Conflict(reviewCase.Revision == 0
                ? $"Case {reviewCase.AccessionNumber} has not been signed out; the report exists after sign-out."
                : $"Case {reviewCase.AccessionNumber} is being amended; revision {reviewCase.Revision} stays readable at /api/cases/{caseId}/snapshots/{reviewCase.Revision}.");
        }

        var jobIds = reviewCase.Slides.Where(s => s.ImportedJobId is not null).Select(s => s.ImportedJobId!.Value).ToList();
        var jobs = await database.AnalysisJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToListAsync(cancellationToken);
        var summary = CaseSummary.Compute(reviewCase.LymphNodes, reviewCase.Findings);
        return new CaseReport(
            reviewCase,
            summary,
            Thumbnails(reviewCase, summary),
            Models(reviewCase, jobs),
            Reviewers(reviewCase),
            store.UtcNow);
    }

    private List<NodeImage> Thumbnails(Case reviewCase, CaseSummary summary)
    {
        var images = new List<NodeImage>();
        foreach (var node in summary.Nodes.Where(n => n.IsPositive && n.LargestDeposit is not null))
        {
            var slide = reviewCase.Slides.First(s => s.Id == node.LargestDeposit!.CaseSlideId);
            var deposits = reviewCase.Findings
                .Where(f => f.IsConfirmedTumour && f.LymphNodeId == node.LymphNodeId && f.CaseSlideId == slide.Id)
                .ToList();
            if (!slides.TryGet(slide.SlideId, out var entry))
            {
                logger.LogWarning("Slide {SlideId} of case {CaseId} is missing; the report has no thumbnail of node {NodeLabel}",
                    slide.SlideId, reviewCase.Id, node.Label);
                continue;
            }

            images.Add(new NodeImage(node.Label, slide.FileName, NodeThumbnail.Render(slides.Open(entry), deposits)));
        }

        return images;
    }

    private static List<ModelUsed> Models(Case reviewCase, List<AnalysisJob> jobs) =>
        reviewCase.Slides
            .Where(s => s.ImportedJobId is not null)
            .Select(s => (Slide: s, Job: jobs.FirstOrDefault(j => j.Id == s.ImportedJobId)))
            .Select(pair => new ModelUsed(pair.Slide.FileName, pair.Slide.ImportedJobId!.Value, pair.Job?.ModelName, pair.Job?.ModelVersion, pair.Job?.ModelSha256))
            .ToList();

    private static List<ReviewerAction> Reviewers(Case reviewCase)
    {
        var proposals = reviewCase.Findings.Where(f => f.ProposedByName is not null)
            .GroupBy(f => f.ProposedByName!)
            .Select(g => new ReviewerAction(g.Key, "proposed rulings", g.Count(), g.Max(f => f.ProposedUtc ?? DateTime.MinValue)));
        var confirmations = reviewCase.Findings.Where(f => f.ConfirmedByName is not null)
            .GroupBy(f => f.ConfirmedByName!)
            .Select(g => new ReviewerAction(g.Key, "confirmed rulings", g.Count(), g.Max(f => f.ConfirmedUtc ?? DateTime.MinValue)));
        var signOut = reviewCase.SignedOutByName is null
            ? []
            : new[] { new ReviewerAction(reviewCase.SignedOutByName, "signed out", 1, reviewCase.SignedOutUtc ?? DateTime.MinValue) };
        return proposals.Concat(confirmations).Concat(signOut).ToList();
    }
}
