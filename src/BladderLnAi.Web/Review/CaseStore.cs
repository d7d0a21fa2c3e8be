using System.Security.Claims;
using BladderLnAi.Data;
using BladderLnAi.Data.Cases;
using BladderLnAi.Web.Sites;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Loads cases for the user's sites and saves review changes with optimistic concurrency. A case of another
/// site is reported as not found, like an unknown id.
/// </summary>
public sealed class CaseStore(IDbContextFactory<BladderLnAiDbContext> databases, SlideAccess access, TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public Task<BladderLnAiDbContext> OpenAsync(CancellationToken cancellationToken) =>
        databases.CreateDbContextAsync(cancellationToken);

    public async Task<bool> CanViewAsync(ClaimsPrincipal user, int caseId, CancellationToken cancellationToken)
    {
        var sites = await access.SitesOfAsync(user, cancellationToken);
        await using var database = await OpenAsync(cancellationToken);
        return await database.Cases.AnyAsync(c => c.Id == caseId && sites.Contains(c.SiteId), cancellationToken);
    }

    public Task<IReadOnlySet<int>> SitesOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        access.SitesOfAsync(user, cancellationToken);

    /// <summary>Loads a case of the user's sites with its slides, nodes and findings, tracked for changes.</summary>
    /// <exception cref="ReviewException">No such case in the user's sites.</exception>
    public async Task<Case> LoadAsync(BladderLnAiDbContext database, ClaimsPrincipal user, int caseId, CancellationToken cancellationToken)
    {
        var sites = await access.SitesOfAsync(user, cancellationToken);
        var reviewCase = await database.Cases
            .Include(c => c.Slides).ThenInclude(s => s.LymphNodes)
            .Include(c => c.LymphNodes).ThenInclude(n => n.Slides)
            .Include(c => c.Findings)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == caseId && sites.Contains(c.SiteId), cancellationToken);
        return reviewCase ?? throw ReviewException.NotFound($"Case {caseId} was not found.");
    }

    /// <summary>Loads a case that may still change: not signed out, or reopened by an amendment.</summary>
    /// <exception cref="ReviewException">No such case, or it is signed out.</exception>
    public async Task<Case> LoadEditableAsync(BladderLnAiDbContext database, ReviewActor actor, int caseId, CancellationToken cancellationToken)
    {
        actor.RequireReviewer();
        var reviewCase = await LoadAsync(database, actor.User, caseId, cancellationToken);
        if (!CaseStatusMachine.IsEditable(reviewCase.Status))
        {
            throw ReviewException.Conflict(
                $"Case {reviewCase.AccessionNumber} is signed out and read-only; a senior pathologist can amend it.");
        }

        return reviewCase;
    }

    /// <summary>Returns the name shown beside the actor's rulings: the display name, else the account name.</summary>
    public static async Task<string> DisplayNameAsync(BladderLnAiDbContext database, ReviewActor actor, CancellationToken cancellationToken)
    {
        var name = await database.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? actor.UserName : name;
    }

    /// <summary>Checks that the finding is still at the version the caller read, and stamps a new version.</summary>
    /// <exception cref="ReviewException">Somebody changed the finding since.</exception>
    public static void Claim(BladderLnAiDbContext database, CaseFinding finding, Guid expectedVersion, string byName, DateTime nowUtc)
    {
        if (finding.Version != expectedVersion)
        {
            throw FindingConflict(finding);
        }

        // The original value makes the UPDATE check the version in the database too, so a change saved by
        // another request between this read and the save is detected there.
        database.Entry(finding).Property(f => f.Version).OriginalValue = expectedVersion;
        finding.Version = Guid.NewGuid();
        finding.UpdatedByName = byName;
        finding.UpdatedUtc = nowUtc;
    }

    /// <summary>Checks that the case is still at the version the caller read, and stamps a new version.</summary>
    /// <exception cref="ReviewException">Somebody changed the case since.</exception>
    public static void Claim(BladderLnAiDbContext database, Case reviewCase, Guid expectedVersion, string byName, DateTime nowUtc)
    {
        if (reviewCase.Version != expectedVersion)
        {
            throw CaseConflict(reviewCase);
        }

        database.Entry(reviewCase).Property(c => c.Version).OriginalValue = expectedVersion;
        Touch(reviewCase, byName, nowUtc);
    }

    /// <summary>Stamps a new version on a case changed as a side effect, such as its status after a ruling.</summary>
    public static void Touch(Case reviewCase, string byName, DateTime nowUtc)
    {
        reviewCase.Version = Guid.NewGuid();
        reviewCase.UpdatedByName = byName;
        reviewCase.UpdatedUtc = nowUtc;
    }

    /// <summary>Saves the changes, turning a concurrent update into a conflict that names what changed.</summary>
    /// <exception cref="ReviewException">Another request saved a change to the same finding or case first.</exception>
    public static async Task SaveAsync(BladderLnAiDbContext database, CancellationToken cancellationToken)
    {
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var entry = ex.Entries.FirstOrDefault();
            var current = entry is null ? null : await entry.GetDatabaseValuesAsync(cancellationToken);
            var byName = current?.GetValue<string?>("UpdatedByName") ?? "another reviewer";
            var what = entry?.Entity switch
            {
                CaseFinding finding => $"Finding {finding.Id}",
                Case reviewCase => $"Case {reviewCase.AccessionNumber}",
                _ => "This record",
            };
            throw ReviewException.Conflict($"{what} was changed by {byName} at the same time; reload it and apply your change again.");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw ReviewException.Conflict("A record with the same accession number, label or slide already exists in this case or site.");
        }
    }

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE is extended result code 2067; PostgreSQL's unique_violation is SQLSTATE 23505.
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067,
        Npgsql.PostgresException postgres => postgres.SqlState == "23505",
        _ => false,
    };

    private static ReviewException FindingConflict(CaseFinding finding) => ReviewException.Conflict(
        $"Finding {finding.Id} was changed by {finding.UpdatedByName ?? "another reviewer"}"
        + $"{(finding.UpdatedUtc is { } at ? $" at {at:HH:mm:ss} UTC" : "")} after you loaded it; reload it and apply your change again.");

    private static ReviewException CaseConflict(Case reviewCase) => ReviewException.Conflict(
        $"Case {reviewCase.AccessionNumber} was changed by {reviewCase.UpdatedByName ?? "another reviewer"}"
        + $"{(reviewCase.UpdatedUtc is { } at ? $" at {at:HH:mm:ss} UTC" : "")} after you loaded it; reload it and apply your change again.");
}
