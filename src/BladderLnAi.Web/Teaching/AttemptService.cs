using System.Security.Claims;
using System.Text.Json;
using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Jobs;
using BladderLnAi.Data.Teaching;
using BladderLnAi.Imaging.Geometry;
using BladderLnAi.Slides;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using BladderLnAi.Web.Teaching.Scoring;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Teaching;

/// <summary>
/// The resident's side of teaching: assigned sets, blind attempts with marks and time per slide, submission with
/// scoring, and the reveal. Only the resident who owns an attempt reaches it, and only while they still belong to
/// the set's site; every other id gives null so that callers return 404.
/// </summary>
public sealed partial class AttemptService(
    IDbContextFactory<BladderLnAiDbContext> databases,
    SlideAccess access,
    SlideService slides,
    AnalysisJobService jobs,
    AnalysisResultStore results,
    AuditLog audit,
    TimeProvider time,
    ILogger<AttemptService> logger)
{
    /// <summary>Size classes a resident may give a mark.</summary>
    public static readonly IReadOnlyList<string> MarkSizeClasses = AttemptScorer.SizeClassCodes;

    // Time reports longer than this are cut, so that a tab left open overnight does not dominate the averages.
    private const double MaximumSecondsPerReport = 30 * 60;

    private static readonly JsonSerializerOptions ScoreJsonOptions = new(JsonSerializerDefaults.Web);

    public static string CaseCode(int position, string setName) => $"Case {position} of {setName}";

    public async Task<IReadOnlyList<ResidentAssignment>> AssignmentsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        var sites = await access.SitesOfAsync(user, cancellationToken);
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var assignments = await (
                from assignment in database.CaseSetAssignments.AsNoTracking()
                where assignment.ResidentUserId == userId
                join set in database.CaseSets on assignment.CaseSetId equals set.Id
                where sites.Contains(set.SiteId)
                orderby assignment.AssignedUtc descending
                select new { assignment, set.Name })
            .ToListAsync(cancellationToken);
        var assignmentIds = assignments.Select(a => a.assignment.Id).ToList();
        var setIds = assignments.Select(a => a.assignment.CaseSetId).Distinct().ToList();
        var setCases = await database.CaseSetCases.AsNoTracking().Where(sc => setIds.Contains(sc.CaseSetId)).ToListAsync(cancellationToken);
        var attempts = await database.TeachingAttempts.AsNoTracking()
            .Where(a => assignmentIds.Contains(a.AssignmentId))
            .ToListAsync(cancellationToken);

        return assignments.Select(a => new ResidentAssignment(
                a.assignment.Id,
                a.Name,
                a.assignment.AssignedUtc,
                a.assignment.DueUtc,
                setCases.Where(sc => sc.CaseSetId == a.assignment.CaseSetId)
                    .OrderBy(sc => sc.Position)
                    .Select(sc =>
                    {
                        var attempt = attempts.FirstOrDefault(t => t.AssignmentId == a.assignment.Id && t.CaseSetCaseId == sc.Id);
                        return new ResidentCase(sc.Id, CaseCode(sc.Position, a.Name), attempt?.Id, attempt?.SubmittedUtc, attempt?.Sensitivity);
                    })
                    .ToList()))
            .ToList();
    }

    /// <summary>Returns the resident's attempt at a case of their assignment, starting it on first use.</summary>
    /// <exception cref="TeachingException">The case is no longer signed out (it was reopened for an amendment).</exception>
    public async Task<int?> StartAsync(ClaimsPrincipal user, int assignmentId, int setCaseId)
    {
        var userId = user.UserId();
        var sites = await access.SitesOfAsync(user);
        await using var database = await databases.CreateDbContextAsync();
        var target = await (
                from assignment in database.CaseSetAssignments
                where assignment.Id == assignmentId && assignment.ResidentUserId == userId
                join set in database.CaseSets on assignment.CaseSetId equals set.Id
                where sites.Contains(set.SiteId)
                join setCase in database.CaseSetCases on set.Id equals setCase.CaseSetId
                where setCase.Id == setCaseId
                join reviewCase in database.Cases on setCase.CaseId equals reviewCase.Id
                select new { setCase.Position, set.Name, reviewCase.Status })
            .FirstOrDefaultAsync();
        if (target is null || userId is null)
        {
            return null;
        }

        var existing = await database.TeachingAttempts
            .FirstOrDefaultAsync(a => a.AssignmentId == assignmentId && a.CaseSetCaseId == setCaseId);
        if (existing is not null)
        {
            return existing.Id;
        }

        if (target.Status != CaseStatus.SignedOut)
        {
            throw TeachingException.Conflict(
                $"{CaseCode(target.Position, target.Name)} is being amended; it can be attempted again once it is signed out.");
        }

        var attempt = new TeachingAttempt
        {
            AssignmentId = assignmentId,
            CaseSetCaseId = setCaseId,
            ResidentUserId = userId,
            StartedUtc = time.GetUtcNow().UtcDateTime,
        };
        database.TeachingAttempts.Add(attempt);
        await database.SaveChangesAsync();
        Log.Started(logger, attempt.Id, assignmentId, setCaseId);
        return attempt.Id;
    }

    public async Task<AttemptView?> GetAsync(ClaimsPrincipal user, int attemptId, CancellationToken cancellationToken = default)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var owned = await FindOwnedAsync(database, user, attemptId, cancellationToken);
        if (owned is null)
        {
            return null;
        }

        var attempt = owned.Attempt;
        var caseSlides = await CaseSlidesAsync(database, owned.CaseId, cancellationToken);
        var slideViews = caseSlides.Select((slide, index) => SlideView(slide, index + 1, attempt)).ToList();
        var marks = attempt.Marks.OrderBy(m => m.Id).Select(ToView).ToList();
        var reveal = attempt.IsSubmitted ? await RevealAsync(database, owned, caseSlides, cancellationToken) : null;
        return new AttemptView(attempt.Id, owned.Code, attempt.StartedUtc, attempt.SubmittedUtc, slideViews, marks, reveal);
    }

    /// <exception cref="TeachingException">The attempt is submitted, or the mark is invalid (names the value).</exception>
    public async Task<MarkView?> AddMarkAsync(
        ClaimsPrincipal user,
        int attemptId,
        int caseSlideId,
        MarkKind kind,
        IReadOnlyList<PointD> points,
        string? sizeClass)
    {
        await using var database = await databases.CreateDbContextAsync();
        var owned = await FindOwnedAsync(database, user, attemptId, CancellationToken.None);
        if (owned is null)
        {
            return null;
        }

        RejectIfSubmitted(owned);
        var slide = (await CaseSlidesAsync(database, owned.CaseId, CancellationToken.None)).FirstOrDefault(s => s.Id == caseSlideId)
            ?? throw new TeachingException($"Slide {caseSlideId} is not a slide of this case.");
        ValidateMark(kind, points, sizeClass, Dimensions(slide));

        var mark = new AttemptMark
        {
            AttemptId = attemptId,
            CaseSlideId = caseSlideId,
            Kind = kind,
            PointsJson = OutlineJson.Write(points),
            SizeClass = sizeClass,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        database.AttemptMarks.Add(mark);
        await database.SaveChangesAsync();
        return ToView(mark);
    }

    /// <exception cref="TeachingException">The attempt is submitted, or the size class is not one of <see cref="MarkSizeClasses"/>.</exception>
    public async Task<bool> SetMarkSizeClassAsync(ClaimsPrincipal user, int attemptId, int markId, string? sizeClass)
    {
        ValidateSizeClass(sizeClass);
        await using var database = await databases.CreateDbContextAsync();
        var owned = await FindOwnedAsync(database, user, attemptId, CancellationToken.None);
        var mark = owned?.Attempt.Marks.FirstOrDefault(m => m.Id == markId);
        if (mark is null)
        {
            return false;
        }

        RejectIfSubmitted(owned!);
        mark.SizeClass = sizeClass;
        await database.SaveChangesAsync();
        return true;
    }

    /// <exception cref="TeachingException">The attempt is submitted.</exception>
    public async Task<bool> DeleteMarkAsync(ClaimsPrincipal user, int attemptId, int markId)
    {
        await using var database = await databases.CreateDbContextAsync();
        var owned = await FindOwnedAsync(database, user, attemptId, CancellationToken.None);
        var mark = owned?.Attempt.Marks.FirstOrDefault(m => m.Id == markId);
        if (mark is null)
        {
            return false;
        }

        RejectIfSubmitted(owned!);
        database.AttemptMarks.Remove(mark);
        await database.SaveChangesAsync();
        return true;
    }

    /// <summary>Adds seconds spent on a slide of an open attempt; ignored once the attempt is submitted.</summary>
    public async Task RecordTimeAsync(ClaimsPrincipal user, int attemptId, int caseSlideId, double seconds)
    {
        if (!(seconds > 0))
        {
            return;
        }

        await using var database = await databases.CreateDbContextAsync();
        var owned = await FindOwnedAsync(database, user, attemptId, CancellationToken.None);
        if (owned is null || owned.Attempt.IsSubmitted
            || !await database.CaseSlides.AnyAsync(s => s.Id == caseSlideId && s.CaseId == owned.CaseId))
        {
            return;
        }

        var entry = owned.Attempt.SlideTimes.FirstOrDefault(t => t.CaseSlideId == caseSlideId);
        if (entry is null)
        {
            entry = new AttemptSlideTime { AttemptId = attemptId, CaseSlideId = caseSlideId };
            owned.Attempt.SlideTimes.Add(entry);
        }

        entry.Seconds += Math.Min(seconds, MaximumSecondsPerReport);
        await database.SaveChangesAsync();
    }

    /// <summary>Scores the attempt against the case's confirmed findings and closes it; the reveal follows.</summary>
    /// <exception cref="TeachingException">The attempt was submitted already.</exception>
    public async Task<AttemptScore?> SubmitAsync(ClaimsPrincipal user, int attemptId)
    {
        await using var database = await databases.CreateDbContextAsync();
        var owned = await FindOwnedAsync(database, user, attemptId, CancellationToken.None);
        if (owned is null)
        {
            return null;
        }

        RejectIfSubmitted(owned);
        var caseSlides = await CaseSlidesAsync(database, owned.CaseId, CancellationToken.None);
        var findings = await ConfirmedFindingsAsync(database, owned.CaseId, CancellationToken.None);
        var score = ScoreAttempt(owned.Attempt, caseSlides, findings);

        var attempt = owned.Attempt;
        attempt.SubmittedUtc = time.GetUtcNow().UtcDateTime;
        attempt.Sensitivity = score.Sensitivity;
        attempt.FalseMarksPerSlide = score.FalseMarksPerSlide;
        attempt.SecondsSpent = score.SecondsSpent;
        attempt.ScoreJson = JsonSerializer.Serialize(score, ScoreJsonOptions);
        await database.SaveChangesAsync();
        access.Invalidate();

        var details = $"{owned.Code}: {score.Hits} hits, {score.Misses} misses, {score.FalseMarks} false marks";
        await audit.WriteAsync(user, "teaching.submitted", "teaching-attempt", attemptId.ToString(), owned.SiteId, details);
        Log.Submitted(logger, attemptId, score.Hits, score.Misses, score.FalseMarks);
        return score;
    }

    /// <summary>Records in the audit log that the resident opened the reveal of a submitted attempt.</summary>
    public async Task RecordRevealAsync(ClaimsPrincipal user, int attemptId)
    {
        await using var database = await databases.CreateDbContextAsync();
        var owned = await FindOwnedAsync(database, user, attemptId, CancellationToken.None);
        if (owned is { Attempt.IsSubmitted: true })
        {
            await audit.WriteAsync(user, "teaching.revealed", "teaching-attempt", attemptId.ToString(), owned.SiteId, owned.Code);
        }
    }

    /// <summary>Returns the catalogue slide behind a slide of the user's own attempt, for the teaching tile routes.</summary>
    public async Task<SlideEntry?> SlideOfAttemptAsync(ClaimsPrincipal user, int attemptId, int caseSlideId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var owned = await FindOwnedAsync(database, user, attemptId, cancellationToken);
        var slide = owned is null
            ? null
            : await database.CaseSlides.AsNoTracking().FirstOrDefaultAsync(s => s.Id == caseSlideId && s.CaseId == owned.CaseId, cancellationToken);
        return slide is not null && slides.TryGet(slide.SlideId, out var entry) ? entry : null;
    }

    /// <summary>Returns the heatmap overlay file of a slide of a submitted attempt; null while the attempt is open.</summary>
    public async Task<string?> HeatmapFileAsync(ClaimsPrincipal user, int attemptId, int caseSlideId, CancellationToken cancellationToken)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var owned = await FindOwnedAsync(database, user, attemptId, cancellationToken);
        if (owned is not { Attempt.IsSubmitted: true })
        {
            return null;
        }

        var slide = await database.CaseSlides.AsNoTracking().FirstOrDefaultAsync(s => s.Id == caseSlideId && s.CaseId == owned.CaseId, cancellationToken);
        var analysis = slide is null ? null : await AnalysisOfAsync(slide, cancellationToken);
        return analysis is null ? null : results.ResolveFile(analysis.Job, analysis.Summary.Heatmap.Overlay);
    }

    private sealed record OwnedAttempt(TeachingAttempt Attempt, int CaseId, int SiteId, string Code, string? LearningNotes);
}
