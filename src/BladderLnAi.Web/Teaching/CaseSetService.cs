using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Identity;
using BladderLnAi.Data.Teaching;
using BladderLnAi.Web.Audit;
using BladderLnAi.Web.Identity;
using BladderLnAi.Web.Sites;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Teaching;

/// <summary>
/// The educator's side of teaching: case sets built from the site's signed-out cases, their order and learning
/// notes, and assignments to the site's residents. A set of another site, or any set for a user who is not an
/// educator, is returned as null so that callers return 404.
/// </summary>
public sealed partial class CaseSetService(
    IDbContextFactory<BladderLnAiDbContext> databases,
    SlideAccess access,
    AuditLog audit,
    TimeProvider time,
    ILogger<CaseSetService> logger)
{
    public const int MaximumNameLength = 200;
    public const int MaximumNotesLength = 4000;

    public async Task<IReadOnlyList<CaseSetSummary>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var sites = await EducatorSitesAsync(user, cancellationToken);
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        return await database.CaseSets.AsNoTracking()
            .Where(set => sites.Contains(set.SiteId))
            .OrderByDescending(set => set.CreatedUtc)
            .Select(set => new CaseSetSummary(
                set.Id, set.SiteId, set.Name, set.Description, set.Cases.Count, set.Assignments.Count, set.CreatedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <exception cref="TeachingException">The name is empty or too long, or the user is no educator of the site.</exception>
    public async Task<int> CreateAsync(ClaimsPrincipal user, int siteId, string name, string? description)
    {
        var trimmed = RequireText(name, "name", MaximumNameLength);
        if (!(await EducatorSitesAsync(user, CancellationToken.None)).Contains(siteId))
        {
            throw new TeachingException($"You are not an educator of site {siteId}; pick one of your own sites.");
        }

        await using var database = await databases.CreateDbContextAsync();
        var set = new CaseSet
        {
            SiteId = siteId,
            Name = trimmed,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            CreatedByUserId = user.UserId(),
            CreatedByName = user.Identity?.Name,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        database.CaseSets.Add(set);
        await database.SaveChangesAsync();
        await audit.WriteAsync(user, "teaching.set-created", "case-set", set.Id.ToString(), siteId, trimmed);
        return set.Id;
    }

    public async Task<CaseSetDetail?> GetAsync(ClaimsPrincipal user, int setId, CancellationToken cancellationToken = default)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var set = await FindAsync(database, user, setId, cancellationToken);
        if (set is null)
        {
            return null;
        }

        var cases = await (
                from setCase in database.CaseSetCases.AsNoTracking()
                where setCase.CaseSetId == setId
                join reviewCase in database.Cases on setCase.CaseId equals reviewCase.Id
                orderby setCase.Position
                select new SetCaseView(
                    setCase.Id,
                    reviewCase.Id,
                    setCase.Position,
                    reviewCase.AccessionNumber,
                    reviewCase.PnCategory,
                    reviewCase.Slides.Count,
                    reviewCase.Findings.Count(f => f.ReviewState == FindingReviewState.Final && f.Ruling == FindingRuling.Confirm),
                    setCase.LearningNotes,
                    database.TeachingAttempts.Any(a => a.CaseSetCaseId == setCase.Id)))
            .ToListAsync(cancellationToken);
        var assignments = await database.CaseSetAssignments.AsNoTracking()
            .Where(a => a.CaseSetId == setId)
            .OrderBy(a => a.AssignedUtc)
            .Select(a => new AssignmentView(
                a.Id,
                a.ResidentUserId,
                a.ResidentName ?? a.ResidentUserId,
                a.AssignedUtc,
                a.DueUtc,
                database.TeachingAttempts.Count(t => t.AssignmentId == a.Id && t.SubmittedUtc != null)))
            .ToListAsync(cancellationToken);
        return new CaseSetDetail(set.Id, set.SiteId, set.Name, set.Description, cases, assignments);
    }

    /// <summary>Returns the signed-out cases of the set's site that are not in the set yet.</summary>
    public async Task<IReadOnlyList<CandidateCase>> CandidateCasesAsync(ClaimsPrincipal user, int setId, CancellationToken cancellationToken = default)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var set = await FindAsync(database, user, setId, cancellationToken);
        if (set is null)
        {
            return [];
        }

        return await database.Cases.AsNoTracking()
            .Where(c => c.SiteId == set.SiteId && c.Status == CaseStatus.SignedOut)
            .Where(c => !database.CaseSetCases.Any(sc => sc.CaseSetId == setId && sc.CaseId == c.Id))
            .OrderByDescending(c => c.SignedOutUtc)
            .Select(c => new CandidateCase(c.Id, c.AccessionNumber, c.SignedOutUtc, c.PnCategory))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Returns the residents of the set's site.</summary>
    public async Task<IReadOnlyList<ResidentOption>> ResidentsAsync(ClaimsPrincipal user, int setId, CancellationToken cancellationToken = default)
    {
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var set = await FindAsync(database, user, setId, cancellationToken);
        if (set is null)
        {
            return [];
        }

        var residentRole = await database.Roles.Where(r => r.Name == Roles.Resident).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await (
                from membership in database.SiteMemberships
                where membership.SiteId == set.SiteId
                join userRole in database.UserRoles on membership.UserId equals userRole.UserId
                where userRole.RoleId == residentRole
                join account in database.Users on membership.UserId equals account.Id
                orderby account.UserName
                select new ResidentOption(account.Id, account.DisplayName != "" ? account.DisplayName : account.UserName!))
            .ToListAsync(cancellationToken);
    }

    /// <exception cref="TeachingException">The case is not a signed-out case of the set's site, or is in the set already.</exception>
    public async Task<bool> AddCaseAsync(ClaimsPrincipal user, int setId, int caseId)
    {
        await using var database = await databases.CreateDbContextAsync();
        var set = await FindAsync(database, user, setId, CancellationToken.None);
        if (set is null)
        {
            return false;
        }

        var reviewCase = await database.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId && c.SiteId == set.SiteId)
            ?? throw new TeachingException($"Case {caseId} was not found among the cases of this site.");
        if (reviewCase.Status != CaseStatus.SignedOut)
        {
            throw TeachingException.Conflict(
                $"Case {reviewCase.AccessionNumber} is {reviewCase.Status}; only signed-out cases can be used for teaching.");
        }

        if (await database.CaseSetCases.AnyAsync(sc => sc.CaseSetId == setId && sc.CaseId == caseId))
        {
            throw TeachingException.Conflict($"Case {reviewCase.AccessionNumber} is already in this set.");
        }

        var position = await database.CaseSetCases.Where(sc => sc.CaseSetId == setId).MaxAsync(sc => (int?)sc.Position) ?? 0;
        database.CaseSetCases.Add(new CaseSetCase { CaseSetId = setId, CaseId = caseId, Position = position + 1 });
        await database.SaveChangesAsync();
        access.Invalidate();
        await audit.WriteAsync(user, "teaching.case-added", "case-set", setId.ToString(), set.SiteId, $"case {caseId}");
        return true;
    }

    /// <summary>Removes a case that no resident has attempted yet, and closes the gap in the order.</summary>
    /// <exception cref="TeachingException">A resident has already attempted the case.</exception>
    public async Task<bool> RemoveCaseAsync(ClaimsPrincipal user, int setId, int setCaseId)
    {
        await using var database = await databases.CreateDbContextAsync();
        var set = await FindAsync(database, user, setId, CancellationToken.None);
        var setCases = set is null ? [] : await database.CaseSetCases.Where(sc => sc.CaseSetId == setId).OrderBy(sc => sc.Position).ToListAsync();
        var removed = setCases.FirstOrDefault(sc => sc.Id == setCaseId);
        if (removed is null)
        {
            return false;
        }

        if (await database.TeachingAttempts.AnyAsync(a => a.CaseSetCaseId == setCaseId))
        {
            throw TeachingException.Conflict(
                $"Case {removed.Position} has attempts by residents, so it stays in the set to keep their scores.");
        }

        database.CaseSetCases.Remove(removed);
        Renumber(setCases.Where(sc => sc.Id != setCaseId));
        await database.SaveChangesAsync();
        access.Invalidate();
        await audit.WriteAsync(user, "teaching.case-removed", "case-set", setId.ToString(), set!.SiteId, $"case {removed.CaseId}");
        return true;
    }

    /// <summary>Moves a case one place up (<paramref name="offset"/> -1) or down (+1); the ends stay put.</summary>
    public async Task<bool> MoveCaseAsync(ClaimsPrincipal user, int setId, int setCaseId, int offset)
    {
        await using var database = await databases.CreateDbContextAsync();
        if (await FindAsync(database, user, setId, CancellationToken.None) is null)
        {
            return false;
        }

        var setCases = await database.CaseSetCases.Where(sc => sc.CaseSetId == setId).OrderBy(sc => sc.Position).ToListAsync();
        var index = setCases.FindIndex(sc => sc.Id == setCaseId);
        var target = index + Math.Sign(offset);
        if (index < 0 || target < 0 || target >= setCases.Count)
        {
            return index >= 0;
        }

        (setCases[index], setCases[target]) = (setCases[target], setCases[index]);
        Renumber(setCases);
        await database.SaveChangesAsync();
        return true;
    }

    /// <exception cref="TeachingException">The notes are longer than <see cref="MaximumNotesLength"/>.</exception>
    public async Task<bool> SaveNotesAsync(ClaimsPrincipal user, int setId, int setCaseId, string? notes)
    {
        if (notes?.Length > MaximumNotesLength)
        {
            throw new TeachingException($"The learning notes have {notes.Length} characters; shorten them to {MaximumNotesLength}.");
        }

        await using var database = await databases.CreateDbContextAsync();
        var setCase = await FindAsync(database, user, setId, CancellationToken.None) is null
            ? null
            : await database.CaseSetCases.FirstOrDefaultAsync(sc => sc.Id == setCaseId && sc.CaseSetId == setId);
        if (setCase is null)
        {
            return false;
        }

        setCase.LearningNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        await database.SaveChangesAsync();
        return true;
    }

    /// <summary>Assigns the set to a resident of its site; from now on its slides are hidden from them elsewhere.</summary>
    /// <exception cref="TeachingException">
    /// The user is not a resident of the site, the set has no cases, the due date has passed, or the resident has an
    /// unfinished assignment of this set.
    /// </exception>
    public async Task<int?> AssignAsync(ClaimsPrincipal user, int setId, string residentUserId, DateTime? dueUtc)
    {
        var residents = await ResidentsAsync(user, setId);
        await using var database = await databases.CreateDbContextAsync();
        var set = await FindAsync(database, user, setId, CancellationToken.None);
        if (set is null)
        {
            return null;
        }

        var resident = residents.FirstOrDefault(r => r.UserId == residentUserId)
            ?? throw new TeachingException($"User {residentUserId} is not a resident of this site; pick a resident from the list.");
        await RejectInvalidAssignmentAsync(database, set, resident, dueUtc);

        var assignment = new CaseSetAssignment
        {
            CaseSetId = setId,
            ResidentUserId = resident.UserId,
            ResidentName = resident.Name,
            AssignedByUserId = user.UserId(),
            AssignedUtc = time.GetUtcNow().UtcDateTime,
            DueUtc = dueUtc,
        };
        database.CaseSetAssignments.Add(assignment);
        await database.SaveChangesAsync();
        access.Invalidate();
        var due = dueUtc is { } d ? $", due {d:yyyy-MM-dd}" : "";
        await audit.WriteAsync(user, "teaching.assigned", "case-set", setId.ToString(), set.SiteId, $"to {resident.Name}{due}");
        Log.Assigned(logger, setId, assignment.Id, resident.UserId);
        return assignment.Id;
    }

    private async Task RejectInvalidAssignmentAsync(BladderLnAiDbContext database, CaseSet set, ResidentOption resident, DateTime? dueUtc)
    {
        var caseCount = await database.CaseSetCases.CountAsync(sc => sc.CaseSetId == set.Id);
        if (caseCount == 0)
        {
            throw TeachingException.Conflict($"Set '{set.Name}' has no cases yet; add signed-out cases before assigning it.");
        }

        if (dueUtc is { } due && due < time.GetUtcNow().UtcDateTime)
        {
            throw new TeachingException($"The due date {due:yyyy-MM-dd HH:mm} UTC has passed; pick a later date or none.");
        }

        var open = await database.CaseSetAssignments
            .Where(a => a.CaseSetId == set.Id && a.ResidentUserId == resident.UserId)
            .AnyAsync(a => database.TeachingAttempts.Count(t => t.AssignmentId == a.Id && t.SubmittedUtc != null) < caseCount);
        if (open)
        {
            throw TeachingException.Conflict(
                $"{resident.Name} has not finished this set yet; assign it again once every case is submitted.");
        }
    }

    /// <summary>Returns the id and name of each site of which the user is an educator.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> EducatorSiteNamesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var sites = await EducatorSitesAsync(user, cancellationToken);
        await using var database = await databases.CreateDbContextAsync(cancellationToken);
        var named = await database.Sites.AsNoTracking()
            .Where(site => sites.Contains(site.Id))
            .OrderBy(site => site.Name)
            .Select(site => new { site.Id, site.Name })
            .ToListAsync(cancellationToken);
        return named.Select(site => (site.Id, site.Name)).ToList();
    }

    /// <summary>Returns the sites of which the user is an educator; empty for every other role.</summary>
    public async Task<IReadOnlySet<int>> EducatorSitesAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Educator) ? await access.SitesOfAsync(user, cancellationToken) : new HashSet<int>();

    private async Task<CaseSet?> FindAsync(BladderLnAiDbContext database, ClaimsPrincipal user, int setId, CancellationToken cancellationToken)
    {
        var sites = await EducatorSitesAsync(user, cancellationToken);
        return await database.CaseSets.AsNoTracking()
            .FirstOrDefaultAsync(set => set.Id == setId && sites.Contains(set.SiteId), cancellationToken);
    }

    private static void Renumber(IEnumerable<CaseSetCase> ordered)
    {
        var position = 1;
        foreach (var setCase in ordered)
        {
            setCase.Position = position++;
        }
    }

    private static string RequireText(string? value, string field, int maximumLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new TeachingException($"The {field} is empty; enter a {field}.");
        }

        return trimmed.Length <= maximumLength
            ? trimmed
            : throw new TeachingException($"The {field} has {trimmed.Length} characters; shorten it to {maximumLength}.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Information,
            Message = "Case set {CaseSetId} assigned as assignment {AssignmentId} to resident {ResidentUserId}")]
        public static partial void Assigned(ILogger logger, int caseSetId, int assignmentId, string residentUserId);
    }
}
