using System.Security.Claims;
using System.Text.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Data.Teaching;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Teaching.Scoring;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Teaching;

public sealed partial class AttemptService
{
    private async Task<OwnedAttempt?> FindOwnedAsync(
        BladderLnAiDbContext database,
        ClaimsPrincipal user,
        int attemptId,
        CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var sites = await access.SitesOfAsync(user, cancellationToken);
        var found = await (
                from attempt in database.TeachingAttempts.Include(a => a.Marks).Include(a => a.SlideTimes).AsSplitQuery()
                where attempt.Id == attemptId && attempt.ResidentUserId == userId
                join setCase in database.CaseSetCases on attempt.CaseSetCaseId equals setCase.Id
                join set in database.CaseSets on setCase.CaseSetId equals set.Id
                where sites.Contains(set.SiteId)
                select new { attempt, setCase.CaseId, set.SiteId, setCase.Position, set.Name, setCase.LearningNotes })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new OwnedAttempt(found.attempt, found.CaseId, found.SiteId, CaseCode(found.Position, found.Name), found.LearningNotes);
    }

    private static Task<List<CaseSlide>> CaseSlidesAsync(BladderLnAiDbContext database, int caseId, CancellationToken cancellationToken) =>
        database.CaseSlides.AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.Id).ToListAsync(cancellationToken);

    private static Task<List<CaseFinding>> ConfirmedFindingsAsync(BladderLnAiDbContext database, int caseId, CancellationToken cancellationToken) =>
        database.CaseFindings.AsNoTracking()
            .Where(f => f.CaseId == caseId && f.ReviewState == FindingReviewState.Final && f.Ruling == FindingRuling.Confirm)
            .OrderBy(f => f.Id)
            .ToListAsync(cancellationToken);

    private AttemptScore ScoreAttempt(TeachingAttempt attempt, List<CaseSlide> caseSlides, List<CaseFinding> findings)
    {
        var scoredSlides = caseSlides
            .Select(slide => new ScoredSlide(
                slide.Id,
                Dimensions(slide)?.MicronsPerPixel,
                attempt.SlideTimes.Where(t => t.CaseSlideId == slide.Id).Sum(t => t.Seconds)))
            .ToList();
        var scoredFindings = findings.Select(f => new ScoredFinding(f.Id, f.CaseSlideId, f.Outline, f.SizeClass)).ToList();
        var scoredMarks = attempt.Marks.OrderBy(m => m.Id)
            .Select(m => new ScoredMark(m.Id, m.CaseSlideId, OutlineJson.Read(m.PointsJson), m.SizeClass))
            .ToList();
        return AttemptScorer.Score(scoredSlides, scoredFindings, scoredMarks);
    }

    private async Task<RevealView> RevealAsync(
        BladderLnAiDbContext database,
        OwnedAttempt owned,
        List<CaseSlide> caseSlides,
        CancellationToken cancellationToken)
    {
        var score = JsonSerializer.Deserialize<AttemptScore>(owned.Attempt.ScoreJson!, ScoreJsonOptions)!;
        var hit = score.Findings.Where(f => f.Hit).Select(f => f.FindingId).ToHashSet();
        var findings = (await ConfirmedFindingsAsync(database, owned.CaseId, cancellationToken))
            .Select(f => new RevealFinding(f.Id, f.CaseSlideId, OutlineJson.ToArrays(f.Outline), f.SizeClass, f.GreatestDimensionMicrons, hit.Contains(f.Id)))
            .ToList();
        var heatmaps = new Dictionary<int, RevealHeatmap>();
        foreach (var slide in caseSlides)
        {
            var analysis = await AnalysisOfAsync(slide, cancellationToken);
            if (analysis is not null)
            {
                var heatmap = analysis.Summary.Heatmap;
                heatmaps[slide.Id] = new RevealHeatmap(
                    $"api/teaching/attempts/{owned.Attempt.Id}/slides/{slide.Id}/heatmap.png",
                    heatmap.Width * heatmap.Scale);
            }
        }

        return new RevealView(score, findings, heatmaps, owned.LearningNotes);
    }

    /// <summary>Returns the analysis whose findings were imported into the case slide, else the slide's latest completed one.</summary>
    private async Task<AnalysisResults?> AnalysisOfAsync(CaseSlide slide, CancellationToken cancellationToken)
    {
        var job = slide.ImportedJobId is { } jobId
            ? await jobs.GetAsync(jobId, cancellationToken)
            : await jobs.GetLatestCompletedAsync(slide.SlideId, cancellationToken);
        return job is { Status: AnalysisJobStatus.Completed } ? results.Load(job) : null;
    }

    private AttemptSlideView SlideView(CaseSlide slide, int number, TeachingAttempt attempt)
    {
        var dimensions = Dimensions(slide);
        var seconds = attempt.SlideTimes.Where(t => t.CaseSlideId == slide.Id).Sum(t => t.Seconds);
        return new AttemptSlideView(slide.Id, number, dimensions?.Width ?? 0, dimensions?.Height ?? 0, dimensions?.MicronsPerPixel, seconds);
    }

    /// <summary>Returns the slide's level-0 size and calibration, or null when the slide file is no longer in the catalogue.</summary>
    private SlideDimensions? Dimensions(CaseSlide slide)
    {
        if (!slides.TryGet(slide.SlideId, out var entry))
        {
            return null;
        }

        var image = slides.Open(entry);
        return new SlideDimensions(image.Width, image.Height, image.MicronsPerPixel);
    }

    private static MarkView ToView(AttemptMark mark) =>
        new(mark.Id, mark.CaseSlideId, mark.Kind, OutlineJson.ToArrays(OutlineJson.Read(mark.PointsJson)), mark.SizeClass);

    private static void RejectIfSubmitted(OwnedAttempt owned)
    {
        if (owned.Attempt.IsSubmitted)
        {
            throw TeachingException.Conflict($"{owned.Code} was submitted on {owned.Attempt.SubmittedUtc:yyyy-MM-dd HH:mm} UTC; its marks can no longer change.");
        }
    }

    private static void ValidateMark(MarkKind kind, IReadOnlyList<PointD> points, string? sizeClass, SlideDimensions? slide)
    {
        var expected = kind == MarkKind.Point ? points.Count == 1 : points.Count >= 3;
        if (!expected)
        {
            throw new TeachingException(kind == MarkKind.Point
                ? $"A point mark has {points.Count} points; it needs exactly one."
                : $"An outline has {points.Count} points; draw at least three.");
        }

        if (points.Where(point => !IsInside(point, slide)).Cast<PointD?>().FirstOrDefault() is { } point)
        {
            throw new TeachingException($"The point ({point.X}, {point.Y}) lies outside the slide; mark inside the tissue.");
        }

        ValidateSizeClass(sizeClass);
    }

    private static bool IsInside(PointD point, SlideDimensions? slide) =>
        double.IsFinite(point.X) && double.IsFinite(point.Y) && point.X >= 0 && point.Y >= 0
        && (slide is null || (point.X <= slide.Width && point.Y <= slide.Height));

    private static void ValidateSizeClass(string? sizeClass)
    {
        if (sizeClass is not null && !MarkSizeClasses.Contains(sizeClass))
        {
            throw new TeachingException($"Size class '{sizeClass}' is unknown; use itc, micro, macro or none.");
        }
    }

    private sealed record SlideDimensions(long Width, long Height, double? MicronsPerPixel);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1410, Level = LogLevel.Information,
            Message = "Teaching attempt {AttemptId} started for assignment {AssignmentId}, set case {CaseSetCaseId}")]
        public static partial void Started(ILogger logger, int attemptId, int assignmentId, int caseSetCaseId);

        [LoggerMessage(EventId = 1411, Level = LogLevel.Information,
            Message = "Teaching attempt {AttemptId} submitted: {Hits} hits, {Misses} misses, {FalseMarks} false marks")]
        public static partial void Submitted(ILogger logger, int attemptId, int hits, int misses, int falseMarks);
    }
}
