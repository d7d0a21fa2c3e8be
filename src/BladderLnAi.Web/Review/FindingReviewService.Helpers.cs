using BladderLnAi.Data.Cases;
using BladderLnAi.Slides;

namespace BladderLnAi.Web.Review;

public sealed partial class FindingReviewService
{
    private static CaseSlide FindSlide(Case reviewCase, int caseSlideId) =>
        reviewCase.Slides.FirstOrDefault(s => s.Id == caseSlideId)
        ?? throw ReviewException.NotFound($"Slide {caseSlideId} was not found in case {reviewCase.AccessionNumber}.");

    /// <summary>Returns the level-0 size and microns per pixel of a case slide, read from the slide file.</summary>
    private SlideGeometry OpenSlideGeometry(CaseSlide slide)
    {
        if (!slides.TryGet(slide.SlideId, out var entry))
        {
            throw ReviewException.Conflict(
                $"Slide file {slide.FileName} is no longer in the site's slide folders, so its findings cannot be measured; restore the file.");
        }

        var image = slides.Open(entry);
        return new SlideGeometry(image.Width, image.Height, image.MicronsPerPixel);
    }

    private CaseFinding CreateFinding(Case reviewCase, CaseSlide slide, FindingOrigin origin, ReviewActor actor) => new()
    {
        CaseId = reviewCase.Id,
        CaseSlideId = slide.Id,
        Origin = origin,
        CreatedByUserId = actor.UserId,
        CreatedUtc = store.UtcNow,
    };

    private void MarkProposed(CaseFinding finding, ReviewActor actor, string name)
    {
        finding.ReviewState = FindingReviewState.Proposed;
        finding.ProposedByUserId = actor.UserId;
        finding.ProposedByName = name;
        finding.ProposedUtc = store.UtcNow;
        finding.ConfirmedByUserId = null;
        finding.ConfirmedByName = null;
        finding.ConfirmedUtc = null;
    }

    /// <summary>
    /// Moves the case forward when findings arrive or are ruled on: a new case becomes Analysed or UnderReview, an
    /// analysed case UnderReview, and a case awaiting a senior goes back to UnderReview when it gets a finding
    /// without a ruling. Cases under amendment stay Amended.
    /// </summary>
    private void MoveOnNewFindings(Case reviewCase, CaseStatus target, string name)
    {
        var next = reviewCase.Status switch
        {
            CaseStatus.New => target,
            CaseStatus.Analysed when target == CaseStatus.UnderReview => CaseStatus.UnderReview,
            CaseStatus.AwaitingSenior when reviewCase.Findings.Any(f => f.ReviewState == FindingReviewState.Unreviewed) => CaseStatus.UnderReview,
            _ => reviewCase.Status,
        };
        if (next == reviewCase.Status)
        {
            return;
        }

        CaseStatusMachine.EnsureCanMove(reviewCase.Status, next);
        reviewCase.Status = next;
        CaseStore.Touch(reviewCase, name, store.UtcNow);
    }

    private static void ValidateRuling(FindingRuling ruling, RejectionReason? reason, string? comment)
    {
        if (ruling is not (FindingRuling.Confirm or FindingRuling.Reject))
        {
            throw ReviewException.Invalid($"Ruling '{ruling}' is invalid; choose Confirm or Reject.");
        }

        if (ruling == FindingRuling.Reject && (reason is null || !Enum.IsDefined(reason.Value)))
        {
            throw ReviewException.Invalid(
                $"Rejecting a finding needs a reason: one of {string.Join(", ", Enum.GetNames<RejectionReason>())}.");
        }

        if (ruling == FindingRuling.Reject && reason == RejectionReason.Other && comment is null)
        {
            throw ReviewException.Invalid("The rejection reason Other needs a comment that describes the finding; enter one and try again.");
        }

        if (comment is { Length: > 2000 })
        {
            throw ReviewException.Invalid($"The comment has {comment.Length} characters; shorten it to at most 2000.");
        }
    }

    private sealed record SlideGeometry(long Width, long Height, double? MicronsPerPixel);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1120, Level = LogLevel.Information,
            Message = "Imported {FindingCount} findings of job {JobId} on slide {SlideId} into case {CaseId}")]
        public static partial void AnalysisImported(ILogger logger, int caseId, string slideId, Guid jobId, int findingCount);

        [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Finding {FindingId} of case {CaseId}: {Action} by {UserName}")]
        public static partial void FindingChanged(ILogger logger, int caseId, int findingId, string action, string userName);
    }
}
